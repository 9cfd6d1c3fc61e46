/**
 * Structural comparison of two markdown documents, for golden fixtures whose expected.md is written
 * by hand: byte equality with a hand-written reference is neither expected nor useful, but the
 * things an agent relies on are. Headings (level and text), fenced code blocks (content and, when
 * the reference names one, language) and GFM tables (cell texts) must match in order; the prose must
 * agree at the word level (multiset F1); chrome strings listed by the fixture must be absent.
 *
 * The parser is line-based and deliberately small: it understands what our extractor and a careful
 * author write (ATX and setext headings, backtick/tilde fences, possibly inside list items or
 * blockquotes, pipe tables), not all of CommonMark.
 */

export interface Heading {
  level: number;
  text: string;
}

export interface CodeBlock {
  /** First word of the info string; "" for a bare fence. */
  lang: string;
  /** Lines with trailing whitespace removed, leading and trailing blank lines dropped. */
  content: string;
}

/** A table as rows of normalised cell texts, header row first, delimiter row left out. */
export type Table = string[][];

export interface MarkdownStructure {
  headings: Heading[];
  codeBlocks: CodeBlock[];
  tables: Table[];
  /** Prose and code with markdown syntax and URLs removed, one line per source line. */
  plainText: string;
}

export interface TextScore {
  precision: number;
  recall: number;
  f1: number;
}

export interface CompareOptions {
  /** Literal strings (page chrome) that must not occur in the actual markdown. */
  noise?: readonly string[];
  /** Minimum word-level F1 between the plain texts; 0.95 by default. */
  minF1?: number;
}

export interface Comparison {
  problems: string[];
  text: TextScore;
}

const FENCE_OPEN = /^((?:[ \t]*>)*[ \t]*)(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const BLOCK_START = /^[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|>|#|\||`{3}|~{3})/;
const URL = /\b(?:https?|ftp|mailto):[^\s<>()[\]]*/gi;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Normalises a code block body: trailing whitespace per line, surrounding blank lines.
 *
 * @example normaliseCode("\n  a = 1  \n\n") // "  a = 1"
 */
export function normaliseCode(code: string): string {
  const lines = code.split("\n").map((l) => l.replace(/\s+$/, ""));
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n");
}

function stripOutsideCode(s: string, dropUrls: boolean): string {
  let out = s;
  // Images and links keep their text; the destination is not prose.
  out = out.replace(/!\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, "$1");
  for (let prev = ""; prev !== out; ) {
    prev = out;
    out = out.replace(/\[((?:[^[\]]|\[[^\]]*\])*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, "$1");
  }
  out = out.replace(/\[((?:[^[\]]|\[[^\]]*\])*)\]\[[^\]]*\]/g, "$1");
  out = out.replace(/<((?:https?|ftp|mailto):[^>\s]+)>/gi, "$1");
  // Raw HTML tags (not escaped ones like \<Object\>).
  out = out.replace(/(^|[^\\])<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, "$1 ");
  // Emphasis delimiters at word boundaries only, so snake_case and a*b survive.
  for (let prev = ""; prev !== out; ) {
    prev = out;
    out = out.replace(/(^|[^\p{L}\p{N}\\*_])(\*{1,3}|_{1,3})(?=\S)(.*?\S)\2(?![\p{L}\p{N}])/gu, "$1$3");
  }
  out = out.replace(/~~(?=\S)(.*?\S)~~/g, "$1");
  out = out.replace(/\\([!-/:-@[-`{-~])/g, "$1");
  if (dropUrls) out = out.replace(URL, " ");
  return out;
}

function inline(s: string, dropUrls: boolean): string {
  // Code spans are set aside (as private-use placeholders) so that their content is left exactly as
  // written while links and emphasis around them are still recognised.
  const spans: string[] = [];
  const held = s.replace(/(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (_m, _ticks: string, body: string) => {
    spans.push(/^ .* $/.test(body) && body.trim() !== "" ? body.slice(1, -1) : body);
    return `\uE000${spans.length - 1}\uE001`;
  });
  return stripOutsideCode(held, dropUrls).replace(
    /\uE000(\d+)\uE001/g,
    (_m, k: string) => spans[Number(k)] ?? "",
  );
}

/**
 * The text of an inline markdown fragment: links, images, code spans, emphasis, escapes and raw
 * tags removed, whitespace collapsed.
 *
 * @example inlineText("[`bisect()`](https://x.test/#b) and **key**") // "bisect() and key"
 */
export function inlineText(s: string): string {
  return inline(s, false).replace(/\s+/g, " ").trim();
}

function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith("|")) row = row.slice(1);
  if (row.endsWith("|") && !row.endsWith("\\|")) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = "";
  let inCode = 0;
  for (let i = 0; i < row.length; i++) {
    const ch = row[i];
    if (ch === "\\" && row[i + 1] === "|") {
      cell += "|";
      i++;
    } else if (ch === "`") {
      let run = 1;
      while (row[i + run] === "`") run++;
      if (inCode === 0) inCode = run;
      else if (inCode === run) inCode = 0;
      cell += "`".repeat(run);
      i += run - 1;
    } else if (ch === "|" && inCode === 0) {
      cells.push(cell);
      cell = "";
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells.map((c) => inlineText(c));
}

function isTableRow(line: string): boolean {
  return line.includes("|") && line.trim() !== "";
}

/**
 * Parses the structure an agent relies on out of a markdown document.
 *
 * @example parseMarkdownStructure("# T\n\n```js\nx\n```\n").codeBlocks // [{ lang: "js", content: "x" }]
 */
export function parseMarkdownStructure(markdown: string): MarkdownStructure {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const headings: Heading[] = [];
  const codeBlocks: CodeBlock[] = [];
  const tables: Table[] = [];
  const text: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      const prefix = fence[1] ?? "";
      const marker = fence[2] ?? "```";
      const quoteDepth = (prefix.match(/>/g) ?? []).length;
      const indent = prefix.replace(/^.*>[ \t]?/, "").length;
      const close = new RegExp(`^[ \\t]*${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`);
      const body: string[] = [];
      i++;
      while (i < lines.length) {
        let content = lines[i] ?? "";
        for (let q = 0; q < quoteDepth; q++) content = content.replace(/^[ \t]*>[ \t]?/, "");
        if (close.test(content)) break;
        const lead = /^[ \t]*/.exec(content)?.[0].length ?? 0;
        body.push(content.slice(Math.min(lead, indent)));
        i++;
      }
      i++;
      const content = normaliseCode(body.join("\n"));
      codeBlocks.push({ lang: fence[3] ?? "", content });
      text.push(content);
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      const title = inlineText(atx[2] ?? "");
      headings.push({ level: (atx[1] ?? "#").length, text: title });
      text.push(inline(atx[2] ?? "", true));
      i++;
      continue;
    }
    const next = lines[i + 1] ?? "";
    if (isTableRow(line) && TABLE_DELIMITER.test(next) && next.includes("-")) {
      const table: Table = [splitRow(line)];
      i += 2;
      while (i < lines.length && isTableRow(lines[i] ?? "")) {
        table.push(splitRow(lines[i] ?? ""));
        i++;
      }
      tables.push(table);
      for (const row of table) text.push(row.join(" ").replace(URL, " "));
      continue;
    }
    const setext = SETEXT_UNDERLINE.exec(next);
    const prev = lines[i - 1] ?? "";
    if (setext && line.trim() !== "" && !BLOCK_START.test(line) && (i === 0 || prev.trim() === "")) {
      headings.push({ level: setext[1]?.startsWith("=") ? 1 : 2, text: inlineText(line) });
      text.push(inline(line, true));
      i += 2;
      continue;
    }
    const prose = line
      .replace(/^(?:[ \t]*>)+/, "")
      .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/, "")
      .replace(/^[ \t]*(?:[-*_][ \t]*){3,}$/, "");
    text.push(inline(prose, true));
    i++;
  }
  return { headings, codeBlocks, tables, plainText: text.join("\n") };
}

function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.toLowerCase().matchAll(WORD)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return counts;
}

/**
 * Word-level precision, recall and F1 of `actual` against `expected` (Unicode letters and digits,
 * lowercased, compared as multisets).
 *
 * @example wordScore("a b c", "a b d").f1 // 0.666…
 */
export function wordScore(actual: string, expected: string): TextScore {
  const a = words(actual);
  const e = words(expected);
  let overlap = 0;
  let aTotal = 0;
  let eTotal = 0;
  for (const n of a.values()) aTotal += n;
  for (const [w, n] of e) {
    eTotal += n;
    overlap += Math.min(n, a.get(w) ?? 0);
  }
  if (aTotal === 0 && eTotal === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = aTotal === 0 ? 0 : overlap / aTotal;
  const recall = eTotal === 0 ? 0 : overlap / eTotal;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function clip(s: string, max = 400): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function showHeading(h: Heading | undefined): string {
  return h ? `${"#".repeat(h.level)} ${JSON.stringify(h.text)}` : "(none)";
}

function compareHeadings(actual: Heading[], expected: Heading[]): string | undefined {
  const n = Math.max(actual.length, expected.length);
  for (let k = 0; k < n; k++) {
    const a = actual[k];
    const e = expected[k];
    if (a?.level === e?.level && a?.text === e?.text) continue;
    return (
      `headings differ at #${k + 1} (expected ${expected.length}, got ${actual.length}):\n` +
      `  expected ${showHeading(e)}\n  actual   ${showHeading(a)}\n` +
      `  expected sequence: ${expected.map(showHeading).join(" | ")}\n` +
      `  actual sequence:   ${actual.map(showHeading).join(" | ")}`
    );
  }
  return undefined;
}

function firstLineDiff(a: string, e: string): string {
  const al = a.split("\n");
  const el = e.split("\n");
  for (let k = 0; k < Math.max(al.length, el.length); k++) {
    if (al[k] === el[k]) continue;
    return `first differing line ${k + 1}: expected ${JSON.stringify(el[k] ?? "(end)")}, got ${JSON.stringify(al[k] ?? "(end)")}`;
  }
  return "";
}

function compareCode(actual: CodeBlock[], expected: CodeBlock[]): string | undefined {
  const n = Math.max(actual.length, expected.length);
  for (let k = 0; k < n; k++) {
    const a = actual[k];
    const e = expected[k];
    const head = `code block #${k + 1} of ${expected.length} expected (got ${actual.length})`;
    if (!a || !e) {
      const extra = a ?? e;
      return `${head}: ${a ? "unexpected" : "missing"} block\n${clip(extra?.content ?? "")}`;
    }
    if (a.content !== e.content) {
      return (
        `${head} differs; ${firstLineDiff(a.content, e.content)}\n` +
        `--- expected (${e.lang || "no language"})\n${clip(e.content)}\n` +
        `--- actual (${a.lang || "no language"})\n${clip(a.content)}`
      );
    }
    if (e.lang !== "" && a.lang !== e.lang) {
      return `${head}: language ${JSON.stringify(e.lang)} expected, got ${JSON.stringify(a.lang)}\n${clip(e.content, 160)}`;
    }
  }
  return undefined;
}

function showRow(row: string[] | undefined): string {
  return row ? `| ${row.join(" | ")} |` : "(none)";
}

function compareTables(actual: Table[], expected: Table[]): string | undefined {
  const n = Math.max(actual.length, expected.length);
  for (let k = 0; k < n; k++) {
    const a = actual[k];
    const e = expected[k];
    const head = `table #${k + 1} of ${expected.length} expected (got ${actual.length})`;
    if (!a || !e) {
      return `${head}: ${a ? "unexpected" : "missing"} table starting ${showRow((a ?? e)?.[0])}`;
    }
    for (let r = 0; r < Math.max(a.length, e.length); r++) {
      const ar = a[r];
      const er = e[r];
      if (ar && er && ar.length === er.length && ar.every((c, j) => c === er[j])) continue;
      return `${head}, row ${r + 1} (expected ${e.length} rows, got ${a.length}):\n  expected ${showRow(er)}\n  actual   ${showRow(ar)}`;
    }
  }
  return undefined;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function missingWords(actual: string, expected: string, limit = 12): string[] {
  const a = words(actual);
  const out: string[] = [];
  for (const [w, n] of words(expected)) {
    const have = a.get(w) ?? 0;
    if (have < n) out.push(n - have > 1 ? `${w}×${n - have}` : w);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Compares actual markdown with a hand-written reference; an empty `problems` list means they agree.
 *
 * @example compareMarkdown(extracted, expected, { noise: ["Previous topic"] }).problems // []
 */
export function compareMarkdown(actual: string, expected: string, options: CompareOptions = {}): Comparison {
  const minF1 = options.minF1 ?? 0.95;
  const a = parseMarkdownStructure(actual);
  const e = parseMarkdownStructure(expected);
  const problems: string[] = [];
  const headings = compareHeadings(a.headings, e.headings);
  if (headings) problems.push(headings);
  const code = compareCode(a.codeBlocks, e.codeBlocks);
  if (code) problems.push(code);
  const tables = compareTables(a.tables, e.tables);
  if (tables) problems.push(tables);
  const text = wordScore(a.plainText, e.plainText);
  if (text.f1 < minF1) {
    problems.push(
      `text F1 ${pct(text.f1)} < ${pct(minF1)} (precision ${pct(text.precision)}, recall ${pct(text.recall)})\n` +
        `  missing from actual: ${missingWords(a.plainText, e.plainText).join(", ") || "-"}\n` +
        `  extra in actual:     ${missingWords(e.plainText, a.plainText).join(", ") || "-"}`,
    );
  }
  for (const n of options.noise ?? []) {
    const at = actual.indexOf(n);
    if (at >= 0) {
      const around = actual.slice(Math.max(0, at - 60), at + n.length + 60);
      problems.push(`noise ${JSON.stringify(n)} present: ${JSON.stringify(around)}`);
    }
  }
  return { problems, text };
}
