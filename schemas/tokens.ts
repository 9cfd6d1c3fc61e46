/**
 * The one tokenizer of agentweb (cl100k-compatible), used for chunk sizes, page token counts and
 * context budgets alike: gpt-tokenizer, pure JavaScript with tiktoken's cl100k counts and no
 * start-up cost, so short-lived CLI runs do not pay for a native or WASM encoder.
 */
import { countTokens as count, decode, encode } from "gpt-tokenizer/encoding/cl100k_base";

/**
 * Number of cl100k tokens in `text`.
 *
 * @example countTokens("hello world") // 2
 */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  let total = 0;
  for (const piece of encoderPieces(text)) total += count(piece);
  return total;
}

/**
 * Longest run of non-space (or of space) characters the encoder gets whole. Byte-pair merging
 * within one run costs far more than linear time, so a page of one long run would stall a crawl;
 * longer runs go in pieces of this size.
 * Ordinary text, whose runs are words, counts exactly as before; a longer run may count a few
 * tokens differently.
 */
const MAX_RUN = 256;
const LONG_RUN = new RegExp(`\\S{${MAX_RUN + 1},}|\\s{${MAX_RUN + 1},}`, "g");

/** `text` cut so that no piece holds a run (of non-space or of space characters) longer than MAX_RUN. */
function encoderPieces(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const m of text.matchAll(LONG_RUN)) {
    const end = m.index + m[0].length;
    let cut = m.index;
    while (end - cut > MAX_RUN) {
      let next = cut + MAX_RUN;
      // Never between the two halves of a surrogate pair.
      if (/[\uDC00-\uDFFF]/.test(text[next]!)) next++;
      pieces.push(text.slice(from, next));
      from = cut = next;
    }
  }
  if (from === 0) return [text];
  pieces.push(text.slice(from));
  return pieces;
}

/**
 * The longest prefix of `text` that fits in `maxTokens` tokens.
 *
 * @example truncateToTokens("one two three", 2) // "one two"
 */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (maxTokens <= 0) return "";
  const tokens = encoderPieces(text).flatMap((piece) => encode(piece));
  return tokens.length <= maxTokens ? text : decode(tokens.slice(0, maxTokens));
}
