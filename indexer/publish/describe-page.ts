import type { Page } from "../../schemas/page.js";

const MAX_CHARS = 200;

/**
 * A one-line description of a page for its llms.txt entry: its own meta description unless that
 * one is site-wide boilerplate, leaked markup (`<Component props={[`), or just the title again;
 * else the first real prose paragraph of its markdown. Empty when the page has nothing better
 * than its title to say (a note repeating the title costs tokens and tells nothing).
 *
 * @example describePage(page, new Set(["Docs for Foo"])) // "Configure how many times a failed job is tried again…"
 */
export function describePage(page: Page, boilerplate: ReadonlySet<string>, title = page.title): string {
  const titles = [normal(title), normal(page.title), normal(page.headings[0]?.text ?? "")];
  const skip = [...titles, ...boilerplate].filter(Boolean);
  const own = oneLine(page.description);
  const usable =
    own && !boilerplate.has(own) && !looksLikeMarkup(own) && !LEGAL.test(own) && !skip.includes(normal(own));
  const text = usable ? own : firstParagraph(page.markdown, skip);
  return shorten(dropDanglingClause(text), MAX_CHARS);
}

/**
 * Descriptions and paragraphs (normalised) repeated on many pages — a site-wide default, a
 * footer — which say nothing about one page.
 *
 * @example boilerplateDescriptions(pages) // Set { "The docs of Foo" }
 */
export function boilerplateDescriptions(pages: Page[]): Set<string> {
  const counts = new Map<string, number>();
  const count = (text: string) => counts.set(text, (counts.get(text) ?? 0) + 1);
  for (const p of pages) {
    const d = oneLine(p.description);
    if (d) count(d);
    // A paragraph on many pages (a footer the extraction kept) describes none of them.
    for (const para of new Set(p.markdown.split(/\n\s*\n/).map((t) => normal(clean(t)))))
      if (para) count(para);
  }
  const threshold = Math.max(3, pages.length * 0.3);
  return new Set([...counts].filter(([, n]) => n >= threshold).map(([d]) => d));
}

/**
 * The first paragraph of prose: headings, code, tables, lists, images, HTML and JSX lines skipped,
 * and so are paragraphs that only repeat `skip` (the title), short labels ("Path Parameters"),
 * signatures (a paragraph that is mostly one code span) and definition lists — an option or
 * variable entry (`**--quiet**` / `: Quiet…`) and the paragraphs that continue it up to the next
 * heading describe one option, not the page. Links are reduced to their text.
 *
 * @example firstParagraph("# T\n\n```js\nx\n```\n\nHello [world](/w).") // "Hello world."
 */
export function firstParagraph(markdown: string, skip: string[] = []): string {
  let fence = false;
  let inDefinitions = false;
  let para: string[] = [];
  const take = () => {
    const text = clean(para.join(" "));
    para = [];
    const label = text.split(" ").length < 4 && !/[.!?]$/.test(text);
    const usable =
      !label &&
      !skip.includes(normal(text)) &&
      !looksLikeMarkup(text) &&
      !isSignature(text) &&
      !LEGAL.test(text);
    return text && usable && !inDefinitions ? text : "";
  };
  for (const line of markdown.split("\n")) {
    const t = line.trim();
    if (/^(```|~~~)/.test(t)) fence = !fence;
    if (!fence && /^#/.test(t)) inDefinitions = false;
    if (!fence && (/^: /.test(t) || DEFINITION_TERM.test(t))) {
      // A definition's term and body: the paragraph gathered so far was its term.
      para = [];
      inDefinitions = true;
      continue;
    }
    const structural = fence || /^(```|~~~|#|\||[-*+] |\d+\. |!\[|<|>|:::|\{)/.test(t);
    if (!t || structural) {
      const text = para.length ? take() : "";
      if (text) return text;
      continue;
    }
    para.push(t);
  }
  return para.length ? take() : "";
}

/** A copyright or licence line (a page footer): it says who owns the page, not what it holds. */
const LEGAL = /^(©|\(c\)\s|copyright\b)|\ball rights reserved\b/i;

/** A line that is only a bold term (`**--force**`, `**GIT_PAGER**`): a definition list's entry. */
const DEFINITION_TERM = /^\*\*[^*]+\*\*$/;

/**
 * `fs.readFile(path[, options], callback)`, "Possible values: `a`, `b`, `c`…": a paragraph that is
 * mostly code spans is a signature or a list of values, not prose.
 */
function isSignature(text: string): boolean {
  const code = [...text.matchAll(/`([^`]+)`/g)].reduce((n, m) => n + m[1]!.length, 0);
  return code > text.length * 0.5;
}

/**
 * Whole sentences within `max` characters; a first sentence longer than that is kept when it ends
 * within twice that, and only one longer still is cut at a word, with "…".
 *
 * @example shorten("One two. Three four five six.", 20) // "One two."
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const ends = sentenceEnds(text);
  const within = ends.filter((e) => e <= max);
  if (within.length) return text.slice(0, within[within.length - 1]);
  if (ends[0] !== undefined && ends[0] <= max * 2) return text.slice(0, ends[0]);
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ", max - 1);
  return `${(space > max / 2 ? cut.slice(0, space) : cut.slice(0, max - 1)).replace(/[\s,;:.-]+$/, "")}…`;
}

/** Where sentences end (just after their stop), skipping "e.g." and initials. */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(/[.!?](?=\s+[^\s])/g)) {
    const before = text.slice(0, m.index + 1);
    if (/\b(e\.g|i\.e|etc|vs|cf|Mr|Dr|[A-Za-z])\.$/.test(before)) continue;
    ends.push(m.index + 1);
  }
  if (/[.!?]$/.test(text)) ends.push(text.length);
  return ends;
}

/** "…JavaScript. Specifically," — a description cut before its list: keep the whole sentences. */
function dropDanglingClause(text: string): string {
  if (!/[,:;]$/.test(text)) return text;
  const end = Math.max(text.lastIndexOf(". "), text.lastIndexOf("! "), text.lastIndexOf("? "));
  return end > 0 ? text.slice(0, end + 1) : text.replace(/[,:;]$/, "");
}

function looksLikeMarkup(text: string): boolean {
  return /<[A-Za-z][\w.-]*[\s/>]|=\{|\{\[|\]\}/.test(text);
}

function clean(text: string): string {
  return oneLine(
    text
      .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/(\*\*|__)(.+?)\1/g, "$2"),
  );
}

function normal(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
