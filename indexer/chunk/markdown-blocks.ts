/**
 * A small CommonMark/GFM block scanner: just enough structure for chunking (where a chunk may be
 * cut), not a renderer. It keeps every block's original lines so chunk text is the page's own
 * markdown, and it recognises fences first so nothing inside a fence is ever read as a heading.
 */
import {
  canInterruptParagraph,
  type FenceOpen,
  indentWidth,
  isBlank,
  isBlockquoteLine,
  isFenceClose,
  isListItem,
  isTableStart,
  isThematicBreak,
  parseAtxHeading,
  parseFenceOpen,
  setextLevel,
} from "./markdown-lines.js";

export interface HeadingBlock {
  kind: "heading";
  /** The heading's markdown (one ATX line, or a setext paragraph plus underline). */
  text: string;
  level: number;
  /** Raw heading content: no `#`s, no underline, inline markdown kept. */
  title: string;
}

export interface CodeBlock {
  kind: "code";
  /** The whole block; an unclosed fence gets its closing line added so the text stays valid. */
  text: string;
  /** Opening fence line, or null for an indented code block. */
  open: string | null;
  /** Closing fence line (synthesised for an unclosed fence), or null for indented code. */
  close: string | null;
  /** Lines between the fences (all lines for indented code). */
  body: string[];
}

export interface TableBlock {
  kind: "table";
  text: string;
  header: string;
  delimiter: string;
  rows: string[];
}

export interface TextBlock {
  kind: "paragraph" | "list" | "blockquote" | "rule";
  text: string;
  lines: string[];
}

export type Block = HeadingBlock | CodeBlock | TableBlock | TextBlock;

/**
 * A fence outside a list: indented 4+ columns it is indented code content, not a fence (CommonMark).
 * Inside a list any indentation is accepted, since nested fences are indented (see readList).
 */
function parseTopFence(line: string): FenceOpen | null {
  return indentWidth(line) < 4 ? parseFenceOpen(line) : null;
}

/** CRLF and lone CR become LF; a BOM is dropped. */
export function normalizeNewlines(markdown: string): string {
  const text = markdown.charCodeAt(0) === 0xfeff ? markdown.slice(1) : markdown;
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

function fenceEnd(lines: readonly string[], start: number, fence: FenceOpen, strip: (l: string) => string) {
  let end = start + 1;
  while (end < lines.length && !isFenceClose(strip(lines[end] ?? ""), fence)) end++;
  return end;
}

function readFence(lines: readonly string[], start: number, fence: FenceOpen, out: Block[]): number {
  const end = fenceEnd(lines, start, fence, (l) => l);
  const open = lines[start] ?? "";
  const closed = end < lines.length;
  const close = closed ? (lines[end] ?? "") : fence.indent + fence.marker;
  const body = lines.slice(start + 1, end);
  out.push({ kind: "code", text: [open, ...body, close].join("\n"), open, close, body });
  return closed ? end + 1 : end;
}

function readIndentedCode(lines: readonly string[], start: number, out: Block[]): number {
  let end = start;
  let lastContent = start;
  while (end < lines.length) {
    const line = lines[end] ?? "";
    if (isBlank(line)) end++;
    else if (indentWidth(line) >= 4) lastContent = end++;
    else break;
  }
  const body = lines.slice(start, lastContent + 1);
  out.push({ kind: "code", text: body.join("\n"), open: null, close: null, body });
  return lastContent + 1;
}

/** Block starts that end a table, a blockquote's lazy lines or a paragraph. */
function startsOtherBlock(line: string): boolean {
  return (
    parseTopFence(line) !== null ||
    parseAtxHeading(line) !== null ||
    isBlockquoteLine(line) ||
    isThematicBreak(line)
  );
}

function readTable(lines: readonly string[], start: number, out: Block[]): number {
  let end = start + 2;
  while (end < lines.length) {
    const line = lines[end] ?? "";
    if (isBlank(line) || startsOtherBlock(line)) break;
    end++;
  }
  const header = lines[start] ?? "";
  const delimiter = lines[start + 1] ?? "";
  const rows = lines.slice(start + 2, end);
  out.push({ kind: "table", text: [header, delimiter, ...rows].join("\n"), header, delimiter, rows });
  return end;
}

function readBlockquote(lines: readonly string[], start: number, out: Block[]): number {
  let end = start + 1;
  while (end < lines.length) {
    const line = lines[end] ?? "";
    if (isBlank(line)) break;
    // Lazy continuation lines belong to the quote, but an unquoted block start ends it.
    if (!isBlockquoteLine(line) && (startsOtherBlock(line) || isListItem(line))) break;
    end++;
  }
  const quoted = lines.slice(start, end);
  out.push({ kind: "blockquote", text: quoted.join("\n"), lines: quoted });
  return end;
}

function readList(lines: readonly string[], start: number, out: Block[]): number {
  let end = start + 1;
  while (end < lines.length) {
    const line = lines[end] ?? "";
    if (isBlank(line)) {
      // A loose list goes on after blank lines when the next content is an item or indented.
      let next = end + 1;
      while (next < lines.length && isBlank(lines[next] ?? "")) next++;
      const following = lines[next];
      if (following === undefined) break;
      const continues = isListItem(following) || indentWidth(following) >= 2;
      if (!continues || parseAtxHeading(following) !== null || isThematicBreak(following)) break;
      end = next;
      continue;
    }
    const fence = parseFenceOpen(line);
    if (fence) {
      // An indented fence belongs to the item: take it whole, blank lines and `#` lines included.
      if (indentWidth(line) === 0) break;
      const close = fenceEnd(lines, end, fence, (l) => l);
      end = close < lines.length ? close + 1 : close;
      continue;
    }
    if (indentWidth(line) === 0 && !isListItem(line)) {
      if (startsOtherBlock(line) || isTableStart(lines, end)) break;
    } else if (parseAtxHeading(line) !== null || (isThematicBreak(line) && !isListItem(line))) {
      break;
    }
    end++;
  }
  let last = end;
  while (last > start && isBlank(lines[last - 1] ?? "")) last--;
  const items = lines.slice(start, last);
  out.push({ kind: "list", text: items.join("\n"), lines: items });
  return end;
}

function readParagraph(lines: readonly string[], start: number, out: Block[]): number {
  const buffer: string[] = [lines[start] ?? ""];
  let end = start + 1;
  while (end < lines.length) {
    const line = lines[end] ?? "";
    if (isBlank(line)) break;
    const level = setextLevel(line);
    if (level !== null) {
      const title = buffer.map((l) => l.trim()).join(" ");
      out.push({ kind: "heading", text: [...buffer, line].join("\n"), level, title });
      return end + 1;
    }
    if (startsOtherBlock(line) || canInterruptParagraph(line) || isTableStart(lines, end)) break;
    buffer.push(line);
    end++;
  }
  out.push({ kind: "paragraph", text: buffer.join("\n"), lines: buffer });
  return end;
}

/**
 * Splits markdown into blocks in document order: headings (ATX and setext), code (fenced, with any
 * indentation, or indented), GFM tables, lists, blockquotes, thematic breaks and paragraphs.
 * Never throws; an unclosed fence runs to the end of the document.
 *
 * @example
 * parseBlocks("# Title\n\n```sh\n# not a heading\n```").map((b) => b.kind) // ["heading", "code"]
 */
export function parseBlocks(markdown: string): Block[] {
  const lines = normalizeNewlines(markdown).split("\n");
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    if (isBlank(line)) {
      index++;
      continue;
    }
    const fence = parseTopFence(line);
    if (fence) {
      index = readFence(lines, index, fence, blocks);
      continue;
    }
    const heading = parseAtxHeading(line);
    if (heading) {
      blocks.push({ kind: "heading", text: line.trim(), level: heading.level, title: heading.text });
      index++;
    } else if (isThematicBreak(line)) {
      blocks.push({ kind: "rule", text: line.trim(), lines: [line] });
      index++;
    } else if (isTableStart(lines, index)) {
      index = readTable(lines, index, blocks);
    } else if (isBlockquoteLine(line)) {
      index = readBlockquote(lines, index, blocks);
    } else if (isListItem(line)) {
      index = readList(lines, index, blocks);
    } else if (indentWidth(line) >= 4) {
      index = readIndentedCode(lines, index, blocks);
    } else {
      index = readParagraph(lines, index, blocks);
    }
  }
  return blocks;
}
