/**
 * Splits one block that is over budget into parts that are each valid markdown on their own:
 * a code fence is re-opened and closed (with its info string) around every part, a table repeats its
 * header and delimiter rows, a list is cut between items before it is cut between lines, a quote
 * keeps its `>` on every part. Prose falls back to sentences, then words.
 *
 * What cannot be split validly (a single table row, a fence whose own fence lines eat the budget)
 * stays whole and may exceed the budget: broken markdown is worse for a reader than a big chunk.
 */
import type { Block } from "./markdown-blocks.js";
import {
  containerPrefix,
  type FenceOpen,
  isBlank,
  isFenceClose,
  isTableStart,
  parseFenceOpen,
  quotePrefix,
} from "./markdown-lines.js";
import { CODE_LEVELS, mergeTail, PROSE_LEVELS, splitText } from "./split-text.js";
import { measureTokens, tokensUpTo } from "./token-measure.js";

/** Below this many tokens left for content, repeating fences or table headers is not worth it. */
function minContentBudget(budget: number): number {
  return Math.max(8, Math.floor(budget / 4));
}

/** Greedily joins consecutive texts (each already within budget) while the sum stays within it. */
function pack(texts: readonly string[], budget: number, separator: string): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const text of texts) {
    const size = tokensUpTo(text, budget);
    if (current.length > 0 && tokens + 1 + size > budget) {
      parts.push(current.join(separator));
      current = [];
      tokens = 0;
    }
    current.push(text);
    tokens += size + (current.length > 1 ? 1 : 0);
  }
  if (current.length > 0) parts.push(current.join(separator));
  return parts;
}

/**
 * The fence marker for one part: the original, or a longer one when a cut left a line inside the part
 * that the original marker would read as a closing fence.
 */
function partMarker(fence: FenceOpen, piece: string): string {
  const char = fence.marker[0] ?? "`";
  let longest = 0;
  for (const line of piece.split("\n")) {
    if (isFenceClose(line, { ...fence, marker: char.repeat(3) })) {
      longest = Math.max(longest, line.trim().length);
    }
  }
  return longest >= fence.marker.length ? char.repeat(longest + 1) : fence.marker;
}

/**
 * Splits a fenced code block at line boundaries (then words, then characters for a giant line),
 * re-opening and closing the fence around each part.
 *
 * @example splitFence("```ts", ["a()", "b()"], "```", 12) // ["```ts\na()\n```", "```ts\nb()\n```"]
 */
export function splitFence(
  open: string,
  body: readonly string[],
  close: string,
  budget: number,
  limit: number = budget,
): string[] {
  const whole = [open, ...body, close].join("\n");
  const fence = parseFenceOpen(open.slice(containerPrefix(open).length));
  const overhead = tokensUpTo(open, budget) + tokensUpTo(close, budget) + 2;
  const inner = budget - overhead;
  if (fence === null || inner < minContentBudget(budget)) return [whole];
  const pieces = splitText(body.join("\n"), inner, {
    levels: CODE_LEVELS,
    keepIndent: true,
    tailLimit: limit - overhead,
  });
  if (pieces.length <= 1) return [whole];
  const openPrefix = open.slice(0, open.indexOf(fence.marker));
  const closePrefix = close.slice(0, Math.max(0, close.search(/[`~]/)));
  return pieces.map((piece) => {
    const marker = partMarker(fence, piece);
    return `${openPrefix}${marker}${fence.info}\n${piece}\n${closePrefix}${marker}`;
  });
}

/**
 * Splits a table between rows, repeating the header and delimiter rows in every part.
 *
 * @example splitTable("|a|", "|-|", ["|1|", "|2|"], 9) // ["|a|\n|-|\n|1|", "|a|\n|-|\n|2|"]
 */
export function splitTable(
  header: string,
  delimiter: string,
  rows: readonly string[],
  budget: number,
  limit: number = budget,
): string[] {
  const head = `${header}\n${delimiter}`;
  const headTokens = tokensUpTo(head, budget) + 1;
  const rowBudget = budget - headTokens;
  if (rowBudget < minContentBudget(budget) || rows.length <= 1) return [[head, ...rows].join("\n")];
  const parts = mergeTail(pack(rows, rowBudget, "\n"), "\n", rowBudget / 4, limit - headTokens);
  return parts.map((part) => `${head}\n${part}`);
}

/**
 * Groups a container's lines into units that must not be cut: a nested fence (even with blank or
 * `#` lines inside), a nested table, or otherwise a single line.
 */
function lineUnits(lines: readonly string[]): string[][] {
  const stripped = lines.map((line) => line.slice(containerPrefix(line).length));
  const units: string[][] = [];
  let index = 0;
  while (index < lines.length) {
    const fence = parseFenceOpen(stripped[index] ?? "");
    let end = index + 1;
    if (fence) {
      // Closing lines are compared without their quote/list prefix, like the opening line.
      while (end < lines.length && !isFenceClose(stripped[end] ?? "", fence)) end++;
      end = Math.min(lines.length, end + 1);
    } else if (isTableStart(stripped, index)) {
      end = index + 2;
      while (end < lines.length && !isBlank(stripped[end] ?? "")) end++;
    }
    units.push(lines.slice(index, end));
    index = end;
  }
  return units;
}

/** Splits one unit that is over budget: a fence or a table validly, a long line by sentences. */
function splitUnit(unit: readonly string[], budget: number, limit: number): string[] {
  const first = unit[0] ?? "";
  const content = first.slice(containerPrefix(first).length);
  const fence = parseFenceOpen(content);
  if (fence && unit.length >= 2) {
    const last = unit[unit.length - 1] ?? "";
    const closed = isFenceClose(last.slice(containerPrefix(last).length), fence);
    // A synthesised closing line keeps quote markers but not a list marker (that would open an item).
    const prefix = first.slice(0, first.length - content.length).replace(/[^\s>]/g, " ") + fence.indent;
    const close = closed ? last : prefix + fence.marker;
    const body = unit.slice(1, closed ? -1 : undefined);
    return splitFence(first, body, close, budget, limit);
  }
  if (
    unit.length >= 3 &&
    isTableStart(
      unit.map((l) => l.slice(containerPrefix(l).length)),
      0,
    )
  ) {
    return splitTable(unit[0] ?? "", unit[1] ?? "", unit.slice(2), budget, limit);
  }
  if (unit.length > 1)
    return pack(
      unit.flatMap((line) => splitUnit([line], budget, limit)),
      budget,
      "\n",
    );
  // One long line: cut its text, and keep the quote markers on the continuation parts.
  const quote = quotePrefix(first);
  const pieces = splitText(first, budget - (quote.length > 0 ? measureTokens(quote) + 1 : 0), {
    levels: PROSE_LEVELS,
  });
  return pieces.map((piece, i) => (i === 0 || quote.length === 0 ? piece : `${quote}${piece}`));
}

/**
 * Splits a list or a blockquote: between top-level list items first, then between lines, never
 * inside a nested fence or table.
 */
function splitContainer(lines: readonly string[], budget: number, limit: number, itemize: boolean): string[] {
  const units = lineUnits(lines);
  const firstLine = lines[0] ?? "";
  const baseIndent = firstLine.length - firstLine.trimStart().length;
  const groups: string[][][] = [];
  for (const unit of units) {
    const first = unit[0] ?? "";
    const startsItem =
      itemize &&
      unit.length === 1 &&
      /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/.test(first) &&
      first.length - first.trimStart().length <= baseIndent;
    const group = groups[groups.length - 1];
    if (group === undefined || startsItem || !itemize) groups.push([unit]);
    else group.push(unit);
  }
  const pieces: string[] = [];
  for (const group of groups) {
    const text = group.map((unit) => unit.join("\n")).join("\n");
    if (tokensUpTo(text, budget) <= budget) {
      pieces.push(text);
      continue;
    }
    for (const unit of group) {
      const unitText = unit.join("\n");
      if (tokensUpTo(unitText, budget) <= budget) pieces.push(unitText);
      else pieces.push(...splitUnit(unit, budget, limit));
    }
  }
  const trimmed = pieces.filter((piece) => !isBlank(piece));
  const parts = pack(trimmed, budget, "\n").map((part) => part.replace(/^\n+|\n+$/g, ""));
  return mergeTail(parts, "\n", budget / 4, limit);
}

/**
 * Parts of `block`, each within `budget` tokens unless it cannot be split into valid markdown.
 * A block already within budget comes back as its own text. A last part under a quarter of the
 * budget is folded into the one before when the two stay within `limit` (default `budget`).
 *
 * @example
 * splitBlock(parseBlocks("```py\na = 1\nb = 2\n```")[0]!, 8) // ["```py\na = 1\n```", "```py\nb = 2\n```"]
 */
export function splitBlock(block: Block, budget: number, limit: number = budget): string[] {
  if (tokensUpTo(block.text, budget) <= budget) return [block.text];
  switch (block.kind) {
    case "code":
      if (block.open !== null && block.close !== null)
        return splitFence(block.open, block.body, block.close, budget, limit);
      return splitText(block.text, budget, { levels: CODE_LEVELS, keepIndent: true, tailLimit: limit });
    case "table":
      return splitTable(block.header, block.delimiter, block.rows, budget, limit);
    case "list":
      return splitContainer(block.lines, budget, limit, true);
    case "blockquote":
      return splitContainer(block.lines, budget, limit, false);
    case "heading":
      return [block.text];
    default:
      return splitText(block.text, budget, { levels: PROSE_LEVELS, tailLimit: limit });
  }
}
