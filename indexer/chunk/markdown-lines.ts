/**
 * Line-level recognisers for the block parser and the splitter. Every one is either hand-written or
 * an anchored regex without ambiguous quantifiers, so a 10 MB line costs one linear pass at most.
 */

/** An opening code fence: its indentation, marker (``` or ~~~, possibly longer) and info string. */
export interface FenceOpen {
  indent: string;
  marker: string;
  info: string;
}

const FENCE_OPEN = /^([ \t]*)(`{3,}|~{3,})([\s\S]*)$/;
const ATX_OPEN = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const DELIMITER_CELL = /^:?-+:?$/;

/** True for an empty or whitespace-only line. */
export function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

/** Indentation width in columns (a tab counts 4), the way markdown measures it. */
export function indentWidth(line: string): number {
  let width = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === " ") width++;
    else if (ch === "\t") width += 4 - (width % 4);
    else break;
  }
  return width;
}

/**
 * The fence a line opens, if any. Any indentation is accepted because fences nested in list items
 * are indented; a backtick fence's info string may not contain a backtick (that is inline code).
 *
 * @example parseFenceOpen("  ```ts title=a") // { indent: "  ", marker: "```", info: "ts title=a" }
 */
export function parseFenceOpen(line: string): FenceOpen | null {
  const match = FENCE_OPEN.exec(line);
  if (!match) return null;
  const [, indent = "", marker = "", info = ""] = match;
  if (marker.startsWith("`") && info.includes("`")) return null;
  return { indent, marker, info: info.trim() };
}

/**
 * Whether `line` closes `fence`: the same fence character, at least as many of them, nothing after.
 *
 * @example isFenceClose("```", { indent: "", marker: "```", info: "" }) // true
 */
export function isFenceClose(line: string, fence: FenceOpen): boolean {
  const char = fence.marker[0];
  let i = 0;
  while (i < line.length && (line[i] === " " || line[i] === "\t")) i++;
  let run = 0;
  while (i < line.length && line[i] === char) {
    run++;
    i++;
  }
  return run >= fence.marker.length && line.slice(i).trim().length === 0;
}

/**
 * An ATX heading's level and raw text (closing `#`s removed), or null.
 *
 * @example parseAtxHeading("## Retries ##") // { level: 2, text: "Retries" }
 */
export function parseAtxHeading(line: string): { level: number; text: string } | null {
  const match = ATX_OPEN.exec(line);
  if (!match) return null;
  const level = (match[1] ?? "").length;
  let text = line.slice(match[0].length).trim();
  // A closing sequence is `#`s preceded by a space (or the whole content); done by hand to stay linear.
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end--;
  if (end === 0) text = "";
  else if (end < text.length && (text[end - 1] === " " || text[end - 1] === "\t")) {
    text = text.slice(0, end).trimEnd();
  }
  return { level, text };
}

/** `=` (level 1) or `-` (level 2) under a paragraph line makes a setext heading. */
export function setextLevel(line: string): 1 | 2 | null {
  const match = SETEXT_UNDERLINE.exec(line);
  if (!match) return null;
  return match[1]?.startsWith("=") ? 1 : 2;
}

/** `***`, `---`, `___` (spaces allowed between), indented at most 3 columns. */
export function isThematicBreak(line: string): boolean {
  if (indentWidth(line) > 3) return false;
  const compact = line.replace(/[ \t]+/g, "");
  if (compact.length < 3) return false;
  const first = compact[0];
  if (first !== "*" && first !== "-" && first !== "_") return false;
  for (let i = 1; i < compact.length; i++) if (compact[i] !== first) return false;
  return true;
}

/** A bullet or ordered list item line, at any indentation. */
export function isListItem(line: string): boolean {
  return LIST_ITEM.test(line);
}

/** An ordered item that does not start at 1 may not interrupt a paragraph (CommonMark). */
export function canInterruptParagraph(line: string): boolean {
  const match = LIST_ITEM.exec(line);
  if (!match) return false;
  const marker = match[2] ?? "";
  return !/^\d/.test(marker) || /^1[.)]$/.test(marker);
}

/** A blockquote line (`>` after at most 3 columns). */
export function isBlockquoteLine(line: string): boolean {
  return indentWidth(line) <= 3 && line.trimStart().startsWith(">");
}

/** Cells of a table row: outer pipes dropped, split on pipes not escaped with a backslash. */
export function tableCells(line: string): string[] {
  let text = line.trim();
  if (text.startsWith("|")) text = text.slice(1);
  if (text.endsWith("|") && !text.endsWith("\\|")) text = text.slice(0, -1);
  const cells: string[] = [];
  let cell = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\" && i + 1 < text.length) {
      cell += ch + text[i + 1];
      i++;
    } else if (ch === "|") {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** A GFM delimiter row such as `| --- | :-: |` (a pipe is required, to avoid reading `---` as one). */
export function isDelimiterRow(line: string): boolean {
  if (!line.includes("|") || !line.includes("-") || indentWidth(line) > 3) return false;
  return tableCells(line).every((cell) => DELIMITER_CELL.test(cell.trim()));
}

/**
 * Whether a GFM table starts at `lines[index]`: a row with a pipe, then a delimiter row with the
 * same number of cells.
 *
 * @example isTableStart(["| a | b |", "| - | - |"], 0) // true
 */
export function isTableStart(lines: readonly string[], index: number): boolean {
  const header = lines[index];
  const delimiter = lines[index + 1];
  if (header === undefined || delimiter === undefined || !header.includes("|")) return false;
  if (!isDelimiterRow(delimiter)) return false;
  return tableCells(header).length === tableCells(delimiter).length;
}

/**
 * The container prefix of a line (indentation, `>` markers, a list marker), so content nested in a
 * list or quote can be recognised by the same recognisers.
 *
 * @example containerPrefix("> - ```js") // "> - "
 */
export function containerPrefix(line: string): string {
  return /^[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?/.exec(line)?.[0] ?? "";
}

/** The quote markers at the start of a line (`> > `), repeated on continuation lines of a split. */
export function quotePrefix(line: string): string {
  const prefix = /^[ \t]*(?:>[ \t]?)+/.exec(line)?.[0] ?? "";
  return prefix.trimStart();
}
