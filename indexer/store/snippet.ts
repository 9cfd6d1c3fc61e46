import { stemTerms } from "./field-boost.js";

/** Characters of chunk text a snippet shows (before it is widened to whole words). */
const WIDTH = 240;

/** Share of the window placed before the first matched term: a little lead-in, mostly what follows. */
const LEAD = 0.25;

/** Words as the re-scoring stems them; an identifier's parts are words too (`file_path` → file, path). */
const WORD = /[\p{L}\p{N}]+/gu;

/** A matched query term at an offset of the text. */
interface Match {
  at: number;
  term: string;
}

/** Where the query's content words (stemmed as search re-scores them) occur in `text`. */
function matchesOf(text: string, query: string): Match[] {
  const terms = new Set(stemTerms(query));
  const out: Match[] = [];
  if (terms.size === 0) return out;
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(WORD)) {
    const term = m[0].slice(0, 5);
    if (terms.has(term)) out.push({ at: m.index, term });
  }
  return out;
}

/**
 * The start offset of the WIDTH-character window holding the most distinct query terms (the
 * earliest such window), placed with a short lead-in before its first match.
 */
function bestWindowStart(matches: Match[]): number {
  let best = { start: 0, distinct: 0 };
  for (let i = 0; i < matches.length; i++) {
    const distinct = new Set<string>();
    for (let j = i; j < matches.length && matches[j]!.at - matches[i]!.at < WIDTH * (1 - LEAD); j++)
      distinct.add(matches[j]!.term);
    if (distinct.size > best.distinct) best = { start: matches[i]!.at, distinct: distinct.size };
  }
  return Math.max(0, best.start - Math.round(WIDTH * LEAD));
}

/** `at` moved back to the start of the white-space-delimited word it falls in. */
function wordStart(text: string, at: number): number {
  while (at > 0 && !/\s/.test(text[at - 1]!)) at--;
  return at;
}

/** `at` moved on to the end of the white-space-delimited word it falls in. */
function wordEnd(text: string, at: number): number {
  while (at < text.length && !/\s/.test(text[at]!)) at++;
  return at;
}

/**
 * A window of a chunk's own text around the query's terms, for search results: the stretch with
 * the most distinct query terms, cut only at white space, so code, identifiers and markup read
 * exactly as in the chunk (`Vec<String>`, `file_path`, `QUIVER_BACKOFF__DELAYMS`). "…" marks text
 * left out; a chunk that fits is returned whole (trimmed).
 *
 * @example makeSnippet("## Retries\nSet `max_attempts` to retry a job.", "how many attempts") // "## Retries\nSet `max_attempts` to retry a job."
 */
export function makeSnippet(markdown: string, query: string): string {
  const text = markdown.trim();
  if (text.length <= WIDTH) return text;
  const start = wordStart(text, bestWindowStart(matchesOf(text, query)));
  // A word longer than the whole window (a long URL or token run) is cut rather than shown whole.
  let end = wordEnd(text, Math.min(text.length, start + WIDTH));
  if (end - start > WIDTH * 1.5) end = start + WIDTH;
  const body = text.slice(start, end).trim();
  return `${start > 0 ? "…" : ""}${body}${end < text.length ? "…" : ""}`;
}
