/**
 * Token measuring that stays linear on hostile input.
 *
 * The cl100k BPE merges inside one pre-token, and a pre-token is an unbounded run of letters, of
 * punctuation or of whitespace: on such a run the merge loop is quadratic, so a long one takes
 * seconds and a megabyte one hours. Real docs never hold such runs, but a
 * scraped page can (an inlined blob, a line of "="). For those texts we use the UTF-8 byte length,
 * which is an upper bound of the token count (every token covers at least one byte), so budgets that
 * rely on it stay safe; the splitter then cuts those runs into pieces short enough to count exactly.
 */
import { countTokens } from "../../schemas/tokens.js";

/** A run of one pre-token class at least this long is counted by bytes instead of by the BPE. */
export const LONG_RUN_CHARS = 1024;

/** 0 = whitespace, 1 = ASCII digit, 2 = letter (non-ASCII counted as letter), 3 = other punctuation. */
function charClass(code: number): number {
  if (code <= 32) return 0;
  if (code >= 48 && code <= 57) return 1;
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code >= 128) return 2;
  return 3;
}

/**
 * Whether `text` holds a run of `limit` or more characters of one pre-token class (letters,
 * punctuation or whitespace; digits are pre-tokenised in threes so they never form long runs).
 *
 * @example hasLongRun("a".repeat(2000)) // true
 * @example hasLongRun("plain words here") // false
 */
export function hasLongRun(text: string, limit: number = LONG_RUN_CHARS): boolean {
  if (text.length < limit) return false;
  let run = 0;
  let previous = -1;
  for (let i = 0; i < text.length; i++) {
    const cls = charClass(text.charCodeAt(i));
    run = cls === previous && cls !== 1 ? run + 1 : 1;
    previous = cls;
    if (run >= limit) return true;
  }
  return false;
}

/** UTF-8 length of `text` without allocating a buffer for it. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * The splitter measures a part and the packer measures the same string again; remembering recent
 * long texts saves that second tokenizer pass (seconds on a multi-megabyte blob). chunkMarkdown
 * clears it when done, because a sliced string pins the whole page it was cut from.
 */
const memo = new Map<string, number>();
const MEMO_SIZE = 256;
const MEMO_MIN_CHARS = 256;

/** Forgets remembered counts (and the page text they pin). */
export function clearTokenMemo(): void {
  memo.clear();
}

/**
 * Token count of `text` with the project tokenizer, or its UTF-8 byte length (an upper bound) when
 * the text holds a run the BPE would take quadratic time on.
 *
 * @example measureTokens("hello world") // 2
 */
export function measureTokens(text: string): number {
  if (text.length < MEMO_MIN_CHARS) return hasLongRun(text) ? utf8Length(text) : countTokens(text);
  const known = memo.get(text);
  if (known !== undefined) return known;
  const tokens = hasLongRun(text) ? utf8Length(text) : countTokens(text);
  // Cleared rather than evicted one by one: deleting a Map's oldest keys repeatedly makes V8 scan
  // tombstones (the very slowdown gpt-tokenizer's own merge cache suffers once full).
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(text, tokens);
  return tokens;
}

/** Above this many characters a chunk is an unsplittable giant and is not tokenised (see chunkTokens). */
export const EXACT_COUNT_CHARS = 1 << 20;

/**
 * The `tokens` of a chunk: the exact count, except for a text holding a run the BPE is quadratic
 * on or an unsplittable block over a million characters (a table with a megabyte row), where the
 * UTF-8 byte length, an upper bound, is reported rather than spending seconds to minutes counting.
 *
 * @example chunkTokens("## Retries\n\nSet it.") // same as countTokens
 */
export function chunkTokens(text: string): number {
  return text.length > EXACT_COUNT_CHARS ? utf8Length(text) : measureTokens(text);
}

/** The longest cl100k token is 128 bytes (a run of spaces), so a text has at least length/128 tokens. */
export const MAX_TOKEN_BYTES = 128;

/**
 * `measureTokens(text)` when the text could fit in `limit` tokens; otherwise, without running the
 * tokenizer, a lower bound that is already above `limit`. Decisions ("does it fit?") use this, so a
 * 10 MB block is never tokenised whole (the tokenizer is also superlinear on multi-megabyte input).
 *
 * @example tokensUpTo("x".repeat(1_000_000), 100) > 100 // true, and instant
 */
export function tokensUpTo(text: string, limit: number): number {
  // UTF-8 bytes >= UTF-16 length, and every token covers at most MAX_TOKEN_BYTES bytes.
  if (text.length > limit * MAX_TOKEN_BYTES) return Math.ceil(text.length / MAX_TOKEN_BYTES);
  return measureTokens(text);
}

/**
 * The longest prefix of `text` whose UTF-8 length is at most `maxBytes`, never cutting a surrogate
 * pair; at least one code point when `text` is non-empty, so callers always make progress.
 *
 * @example sliceToBytes("héllo", 3) // "hé"
 */
export function sliceToBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes && i > 0) break;
    bytes += size;
    i += pair ? 2 : 1;
  }
  return text.slice(0, i);
}

/**
 * `text` cut to at most `length` UTF-16 units, backing off one unit rather than splitting a
 * surrogate pair.
 *
 * @example safeSlice("a😀", 2) // "a"
 */
export function safeSlice(text: string, length: number): string {
  if (length >= text.length) return text;
  const last = text.charCodeAt(length - 1);
  const cut = last >= 0xd800 && last <= 0xdbff ? length - 1 : length;
  // Never return "" for a non-empty request: callers rely on progress; keep the whole pair instead.
  return cut > 0 ? text.slice(0, cut) : text.slice(0, 2);
}
