/**
 * Packs one heading section into chunk texts: the heading line first (so every chunk reads on its
 * own, continuation chunks included), then consecutive blocks greedily up to the target size.
 */
import type { Section } from "./sections.js";
import { splitBlock } from "./split-oversize.js";
import { chunkTokens, EXACT_COUNT_CHARS, measureTokens, sliceToBytes, tokensUpTo } from "./token-measure.js";

export interface Piece {
  text: string;
  /** Exact token count (the UTF-8 byte length only for text the tokenizer would choke on). */
  tokens: number;
}

export interface PackLimits {
  target: number;
  max: number;
}

/**
 * The heading line repeated at the top of a section's chunks. A monstrous heading (a scraped blob)
 * is cut to a quarter of the max so that it cannot crowd out the content it introduces.
 */
function headingLine(section: Section, max: number): string | null {
  if (section.heading === null) return null;
  const text = section.heading.text;
  const quarter = Math.max(1, Math.floor(max / 4));
  return tokensUpTo(text, quarter) <= quarter ? text : sliceToBytes(text, quarter);
}

/**
 * Joins the heading line and units into one piece; when the exact count exceeds max (token counts
 * are almost but not exactly additive) the units are halved until each part fits.
 */
function buildPieces(line: string | null, units: readonly Piece[], max: number): Piece[] {
  const text = (line === null ? [] : [line]).concat(units.map((u) => u.text)).join("\n\n");
  const only = units.length === 1 && line === null ? units[0] : undefined;
  // A lone unit was already counted exactly (tokensUpTo is exact up to max): skip a second pass.
  const tokens =
    only !== undefined && only.tokens <= max && text.length <= EXACT_COUNT_CHARS
      ? only.tokens
      : chunkTokens(text);
  if (tokens <= max || units.length <= 1) return [{ text, tokens }];
  const middle = Math.ceil(units.length / 2);
  return [...buildPieces(line, units.slice(0, middle), max), ...buildPieces(line, units.slice(middle), max)];
}

function sum(units: readonly Piece[]): number {
  return units.reduce((total, u, i) => total + u.tokens + (i > 0 ? 1 : 0), 0);
}

/**
 * Chunk texts of one section, in order. Blocks over the max are split (validly) to about the target;
 * blocks are packed until the next would pass the target; a chunk still under a quarter of the
 * target takes the next block anyway, and a trailing remainder under a quarter of the target joins
 * the previous chunk, when that stays within max (no crumbs such as a lone "Run this:"). A heading with no body yields its
 * heading line alone.
 *
 * @example
 * packSection(buildSections(parseBlocks("## A\n\none\n\ntwo"), [])[0]!, { target: 100, max: 200 })
 * // [{ text: "## A\n\none\n\ntwo", tokens: 7 }]
 */
export function packSection(section: Section, limits: PackLimits): Piece[] {
  const { target, max } = limits;
  const line = headingLine(section, max);
  const overhead = line === null ? 0 : measureTokens(line) + 1;
  const bodyMax = Math.max(1, max - overhead);
  // Oversize blocks are cut to about the target, not the max, so their parts pack like other chunks.
  const splitBudget = Math.max(1, Math.min(bodyMax, Math.max(target - overhead, Math.floor(target / 2))));

  const units: Piece[] = [];
  for (const block of section.body) {
    const tokens = tokensUpTo(block.text, bodyMax);
    if (tokens <= bodyMax) units.push({ text: block.text, tokens });
    else
      for (const part of splitBlock(block, splitBudget, bodyMax))
        units.push({ text: part, tokens: tokensUpTo(part, bodyMax) });
  }
  if (units.length === 0) return line === null ? [] : [{ text: line, tokens: overhead - 1 }];

  const groups: Piece[][] = [];
  let current: Piece[] = [];
  let size = 0;
  for (const unit of units) {
    const next = overhead + size + 1 + unit.tokens;
    // A crumb ("Run this:") stays with the block it introduces when together they fit the max.
    const crumb = size < target / 4 && next <= max;
    if (current.length > 0 && next > target && !crumb) {
      groups.push(current);
      current = [];
      size = 0;
    }
    size += unit.tokens + (current.length > 0 ? 1 : 0);
    current.push(unit);
  }
  groups.push(current);

  const last = groups[groups.length - 1] ?? [];
  const previous = groups[groups.length - 2];
  if (previous !== undefined && sum(last) < target / 4 && overhead + sum(previous) + 1 + sum(last) <= max) {
    groups.splice(groups.length - 2, 2, [...previous, ...last]);
  }
  return groups.flatMap((group) => buildPieces(line, group, max));
}
