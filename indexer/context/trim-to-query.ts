import { stemTerms } from "../store/field-boost.js";

/**
 * Cutting a chunk down to the part that answers a query, for a context pack whose remaining budget
 * is smaller than the chunk: skipping it loses a likely answer, and cutting it to a prefix keeps
 * the lead-in rather than the sentences that match. The chunk is split into sentences (code
 * fences, tables and list items stay whole), and a window grows around the sentence that shares
 * the most query terms, towards the better-matching neighbour, while it fits.
 */

/** Blank-line-separated blocks as [start, end) offsets; a code fence with blank lines stays one block. */
function blocks(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1;
  let fence = false;
  let at = 0;
  for (const line of text.split("\n")) {
    const end = at + line.length;
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (!line.trim() && !fence) {
      if (start >= 0) out.push([start, at - 1]);
      start = -1;
    } else if (start < 0) start = at;
    at = end + 1;
  }
  if (start >= 0) out.push([start, text.length]);
  return out;
}

/** Sentences and whole blocks (fences, tables, lists) as [start, end) offsets into `text`, in order. */
function units(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [start, end] of blocks(text)) {
    const block = text.slice(start, end);
    // Code, tables and lists are one unit: half of one reads as noise.
    if (/^\s*(```|~~~|\||[-*+]\s|\d+\.\s)/.test(block)) {
      out.push([start, end]);
      continue;
    }
    let from = start;
    for (const m of block.matchAll(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}`"(])/gu)) {
      out.push([from, start + m.index]);
      from = start + m.index + m[0].length;
    }
    out.push([from, end]);
  }
  return out;
}

/** How many distinct query terms a unit contains. */
function score(unit: string, terms: string[]): number {
  const words = new Set(stemTerms(unit));
  return terms.filter((t) => words.has(t)).length;
}

/**
 * The largest window of `text`'s sentences around its best match for `query` that `fits`, with
 * "…" where text was left out; undefined when not even one sentence fits or nothing matches.
 *
 * @example trimToQuery("Intro. The timeout is 5 s. Other.", "what timeout", (t) => t.length < 25) // "… The timeout is 5 s. …"
 */
export function trimToQuery(
  text: string,
  query: string,
  fits: (text: string) => boolean,
): string | undefined {
  // The query's content words, stemmed as search re-scores them.
  const terms = [...new Set(stemTerms(query))];
  const parts = units(text);
  const scores = parts.map(([a, b]) => score(text.slice(a, b), terms));
  let best = 0;
  for (const [i, s] of scores.entries()) if (s > scores[best]!) best = i;
  if (!scores[best]) return undefined;
  const render = (lo: number, hi: number) =>
    `${lo > 0 ? "… " : ""}${text.slice(parts[lo]![0], parts[hi]![1])}${hi < parts.length - 1 ? " …" : ""}`;
  let [lo, hi] = [best, best];
  if (!fits(render(lo, hi))) return undefined;
  for (;;) {
    const left = lo > 0 && fits(render(lo - 1, hi));
    const right = hi < parts.length - 1 && fits(render(lo, hi + 1));
    if (!left && !right) break;
    // Grow towards the neighbour that matches more; on a tie, read on (answers follow their lead-in).
    if (right && (!left || scores[hi + 1]! >= scores[lo - 1]!)) hi++;
    else lo--;
  }
  return render(lo, hi);
}
