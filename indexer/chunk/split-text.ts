/**
 * Cuts a run of text into pieces that each fit a token budget, preferring the coarsest boundary
 * that works: lines, then sentences, then words, then raw characters. Pieces are slices of the
 * original text (only trimmed), so nothing is rewritten.
 */
import { countTokens } from "../../schemas/tokens.js";
import { hasLongRun, safeSlice, sliceToBytes, tokensUpTo } from "./token-measure.js";

/** Where a text may be cut, from coarsest to finest. */
export type SplitLevel = "lines" | "sentences" | "words" | "chars";

/** Prose: a paragraph's line breaks are sentence boundaries already, so sentences come first. */
export const PROSE_LEVELS: readonly SplitLevel[] = ["sentences", "words", "chars"];
/** Code: never cut a line while a whole line fits; sentence punctuation means nothing in code. */
export const CODE_LEVELS: readonly SplitLevel[] = ["lines", "words", "chars"];

export interface SplitTextOptions {
  /** Boundaries to try, coarsest first (default PROSE_LEVELS). */
  levels?: readonly SplitLevel[];
  /** Keep leading indentation of a piece (code); prose pieces are fully trimmed. */
  keepIndent?: boolean;
  /**
   * A last piece under a quarter of the budget is joined to the one before when the two stay within
   * this many tokens (default: the budget, i.e. only when that still fits).
   */
  tailLimit?: number;
}

// Sentence end: terminal punctuation, optional closing quotes/brackets, then spaces; or a line break.
// Written without nested or adjacent unbounded quantifiers so it stays linear on a 10 MB line.
const SENTENCE_END = /[.!?\u3002\uff01\uff1f]["'\u201d\u2019)\]]*[ \t]+|\n[ \t]*/g;
const LINE_END = /\n/g;
const WORD_END = /\s+/g;

function tidy(text: string, keepIndent: boolean): string {
  if (!keepIndent) return text.trim();
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 10) start++;
  while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
  return text.slice(start, end);
}

/** End offsets of the segments of `text` at `level`; the last one is always text.length. */
function segmentEnds(text: string, level: Exclude<SplitLevel, "chars">): number[] {
  const pattern = level === "lines" ? LINE_END : level === "sentences" ? SENTENCE_END : WORD_END;
  pattern.lastIndex = 0;
  const ends: number[] = [];
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const end = match.index + match[0].length;
    if (end > 0 && end < text.length) ends.push(end);
    if (match[0].length === 0) pattern.lastIndex++;
  }
  ends.push(text.length);
  return ends;
}

/**
 * Character-level cutting for a "word" longer than the budget (a minified line, a data blob).
 * The window is sized from the characters-per-token ratio seen so far (so a long blob costs about
 * one count per piece) and checked by exact count while that is cheap; a prefix of `budget` UTF-8
 * bytes, which can never exceed `budget` tokens, is the fallback.
 */
function splitChars(text: string, budget: number): string[] {
  const pieces: string[] = [];
  let charsPerToken = 4;
  let rest = text;
  while (rest.length > 0) {
    const window = Math.max(1, Math.min(4096, Math.floor(budget * charsPerToken * 0.95)));
    let take = safeSlice(rest, window);
    let fits = false;
    for (let attempt = 0; attempt < 4 && !hasLongRun(take); attempt++) {
      const tokens = countTokens(take);
      if (tokens <= budget) {
        fits = true;
        if (tokens > 0 && take.length === window) charsPerToken = take.length / tokens;
        break;
      }
      charsPerToken = take.length / tokens;
      take = safeSlice(take, Math.max(1, Math.floor(take.length * (budget / tokens) * 0.95)));
    }
    if (!fits) take = sliceToBytes(rest, budget);
    pieces.push(take);
    rest = rest.slice(take.length);
  }
  return pieces;
}

function splitAtLevel(
  text: string,
  budget: number,
  levels: readonly SplitLevel[],
  index: number,
  keepIndent: boolean,
  packBudget: number,
): string[] {
  const clean = tidy(text, keepIndent);
  if (clean.length === 0) return [];
  if (tokensUpTo(clean, budget) <= budget) return [clean];
  const level = levels[index];
  if (level === undefined || level === "chars") return splitChars(clean, budget);
  const ends = segmentEnds(clean, level);
  if (ends.length <= 1) return splitAtLevel(clean, budget, levels, index + 1, keepIndent, budget);

  const pieces: string[] = [];
  let start = 0;
  let end = 0;
  let tokens = 0;
  let count = 0;
  const flush = (): void => {
    if (count === 0) return;
    const piece = clean.slice(start, end);
    // Token counts are nearly but not exactly additive across a cut; re-pack tighter when the sum lied.
    if (count > 1 && tokensUpTo(tidy(piece, keepIndent), budget) > budget) {
      pieces.push(...splitAtLevel(piece, budget, levels, index, keepIndent, Math.floor(packBudget * 0.8)));
    } else {
      const tidied = tidy(piece, keepIndent);
      if (tidied.length > 0) pieces.push(tidied);
    }
    count = 0;
    tokens = 0;
  };
  let segmentStart = 0;
  for (const segmentEnd of ends) {
    const segment = clean.slice(segmentStart, segmentEnd);
    const segmentTokens = tokensUpTo(segment, budget);
    if (segmentTokens > budget) {
      flush();
      pieces.push(...splitAtLevel(segment, budget, levels, index + 1, keepIndent, budget));
      start = segmentEnd;
    } else {
      if (count > 0 && tokens + segmentTokens > packBudget) flush();
      if (count === 0) start = segmentStart;
      end = segmentEnd;
      tokens += segmentTokens;
      count++;
    }
    segmentStart = segmentEnd;
  }
  flush();
  return pieces;
}

/**
 * Splits `text` into trimmed slices of at most `budget` tokens each, cutting at the coarsest
 * boundary of `levels` that works; a text that already fits comes back whole.
 *
 * @example
 * splitText("One. Two. Three.", 2) // ["One.", "Two.", "Three."]
 * splitText("a\n  b\n  c", 3, { levels: CODE_LEVELS, keepIndent: true }) // e.g. ["a\n  b", "  c"]
 */
export function splitText(text: string, budget: number, options: SplitTextOptions = {}): string[] {
  const safeBudget = Math.max(1, Math.floor(budget));
  const keepIndent = options.keepIndent ?? false;
  const pieces = splitAtLevel(text, safeBudget, options.levels ?? PROSE_LEVELS, 0, keepIndent, safeBudget);
  return mergeTail(pieces, keepIndent ? "\n" : " ", safeBudget / 4, options.tailLimit ?? safeBudget);
}

/**
 * Joins a small last part (under `small` tokens) to the one before when the join stays within
 * `limit`, so a split does not end in a crumb of a chunk.
 *
 * @example mergeTail(["long part …", "end."], " ", 10, 500) // ["long part … end."]
 */
export function mergeTail(
  parts: readonly string[],
  separator: string,
  small: number,
  limit: number,
): string[] {
  const last = parts[parts.length - 1];
  const previous = parts[parts.length - 2];
  if (last === undefined || previous === undefined || tokensUpTo(last, small) >= small) return [...parts];
  const joined = `${previous}${separator}${last}`;
  return tokensUpTo(joined, limit) <= limit ? [...parts.slice(0, -2), joined] : [...parts];
}
