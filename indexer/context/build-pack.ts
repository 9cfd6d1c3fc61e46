import type { ContextPack, ContextPart, ContextRequest } from "../../schemas/context.js";
import type { SearchMode } from "../../schemas/search.js";
import { countTokens, truncateToTokens } from "../../schemas/tokens.js";
import type { Embedder } from "../embed/embedder.js";
import { type Ranking, rankChunks } from "../store/search-chunks.js";
import type { Store } from "../store/store.js";
import { buildParts, type Candidate, headingLineOf } from "./pack-parts.js";
import { renderContextMarkdown } from "./render-context.js";
import { repeatTracker } from "./repeated-text.js";
import { trimToQuery } from "./trim-to-query.js";

/** Candidates considered per request: enough to fill large budgets, cheap to rank. */
const CANDIDATES = 60;

/**
 * Least budget left for which an over-size candidate is cut to its query-matching sentences; below
 * it an excerpt is a sentence fragment.
 */
const MIN_EXCERPT = 40;

/** How candidates are cut before they are packed; exposed so bench/retrieval can measure variants. */
export interface Packing {
  /**
   * A candidate longer than this many tokens is cut to its sentences around the query's terms
   * (its heading line kept); 0 packs whole chunks.
   */
  window: number;
  /** Candidates ranked before this keep their whole text (0: every candidate is windowed). */
  wholeFirst: number;
}

/**
 * The defaults, chosen with bench/retrieval.ts --variants: the best chunk whole (it is the likeliest
 * answer, and its lead-in often is the answer), the others cut to their passage around the query,
 * which leaves room for more of them. Narrower windows lost evidence that sits a few sentences
 * from the query's words.
 */
export const DEFAULT_PACKING: Packing = { window: 200, wholeFirst: 1 };

/**
 * Builds a context pack: the best chunks for `q`, grouped per page (pages by their best chunk),
 * each run of adjacent chunks one part cited by `url#anchor`, a page's best run first, a chunk that
 * repeats what the pack holds skipped (pack-parts.ts). Chunks are taken best first while the pack
 * (as JSON parts, or as the rendered markdown for `format=markdown`) stays within `maxTokens`,
 * measured with the tokenizer on the exact text returned; a chunk larger than what is left is cut
 * to its sentences around the query's terms (trim-to-query.ts) instead of being skipped, and a best
 * chunk larger than the whole budget likewise (else to the prefix that fits).
 *
 * @example
 * const pack = await buildPack({ store, embedder: undefined }, ContextRequest.parse({ q: "how do retries back off", maxTokens: 1500 }), "text");
 * pack.totalTokens <= 1500 // always
 */
export async function buildPack(
  deps: { store: Store; embedder: Embedder | undefined; ranking?: Partial<Ranking> },
  request: ContextRequest,
  mode: SearchMode,
  packing: Packing = DEFAULT_PACKING,
): Promise<ContextPack & { markdown?: string }> {
  const hits = await rankChunks(deps, {
    q: request.q,
    k: CANDIDATES,
    site: request.site,
    path: request.path,
    mode,
    group: "chunk",
  });
  const budget = request.maxTokens;
  // Candidates are re-packed many times per request; unchanged texts are counted once.
  const counted = new Map<string, number>();
  const count = (text: string) => {
    const known = counted.get(text);
    if (known !== undefined) return known;
    const n = countTokens(text);
    counted.set(text, n);
    return n;
  };
  const measure = (parts: ContextPart[]) =>
    request.format === "markdown"
      ? countTokens(renderContextMarkdown({ parts }))
      : parts.reduce((sum, p) => sum + p.tokens, 0);

  const chosen: Candidate[] = [];
  let parts: ContextPart[] = [];
  let used = 0;
  // Whether the pack with one more candidate stays within budget (and what it would be).
  const tryAdd = (c: Candidate) => {
    const tryParts = buildParts([...chosen, c], count);
    const size = measure(tryParts);
    return size <= budget ? { parts: tryParts, size } : undefined;
  };
  const packed = repeatTracker();
  const windowed = (text: string) => windowOf(text, request.q, packing.window, count);
  for (const [rank, ranked] of hits.entries()) {
    const hit = rank < packing.wholeFirst ? ranked : { ...ranked, text: windowed(ranked.text) };
    // The same note or shared paragraph on another page adds tokens, not information.
    if (packed.repeats(hit.text)) continue;
    const before = chosen.length;
    // A chunk alone larger than what is left cannot fit once merged either (merging only adds).
    const added = chosen.length > 0 && count(hit.text) > budget - used ? undefined : tryAdd({ hit, rank });
    if (added) {
      chosen.push({ hit, rank });
      parts = added.parts;
      used = added.size;
    } else if (chosen.length > 0 && budget - used >= MIN_EXCERPT) {
      // Too big for what is left: its sentences around the query terms rather than nothing.
      const fits = (text: string) => tryAdd({ hit: { ...hit, text }, rank }) !== undefined;
      const text = trimToQuery(hit.text, request.q, fits);
      const trimmed = text === undefined ? undefined : tryAdd({ hit: { ...hit, text }, rank });
      if (trimmed) {
        chosen.push({ hit: { ...hit, text: text! }, rank });
        parts = trimmed.parts;
        used = trimmed.size;
      }
    } else if (chosen.length === 0) {
      // The best chunk alone is over budget: its passage around the query terms, else its prefix.
      const fits = (text: string) => measure(buildParts([{ hit: { ...hit, text }, rank }], count)) <= budget;
      const text = trimToQuery(hit.text, request.q, fits);
      const cut = text ? { hit: { ...hit, text }, rank } : fitOne({ hit, rank }, budget, measure, count);
      if (cut) {
        chosen.push(cut);
        parts = buildParts(chosen, count);
        used = measure(parts);
      }
    }
    if (chosen.length > before) packed.add(chosen[chosen.length - 1]!.hit.text);
    // Every further candidate is tried: a smaller one may still fit the remaining budget.
    if (budget - used < 8) break;
  }
  const pack: ContextPack = { query: request.q, budget, totalTokens: used, parts };
  return request.format === "markdown" ? { ...pack, markdown: renderContextMarkdown(pack) } : pack;
}

/** The candidate cut to the longest prefix whose part fits the budget (binary search on tokens). */
function fitOne(
  c: Candidate,
  budget: number,
  measure: (p: ContextPart[]) => number,
  count: (text: string) => number,
): Candidate | undefined {
  let lo = 0;
  let hi = Math.min(budget, countTokens(c.hit.text));
  let best: Candidate | undefined;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const text = truncateToTokens(c.hit.text, mid);
    const cut = { ...c, hit: { ...c.hit, text } };
    if (text.trim() && measure(buildParts([cut], count)) <= budget) {
      best = cut;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * A chunk cut to at most `window` tokens around the query's terms, its heading line kept: a long
 * chunk's lead-in often says little about the question, and the budget it frees holds another
 * passage. Unchanged when it is short enough, `window` is 0, or no query term occurs in it.
 */
function windowOf(text: string, query: string, window: number, count: (t: string) => number): string {
  const tokens = window > 0 ? count(text) : 0;
  if (tokens <= window) return text;
  const heading = headingLineOf(text);
  const body = heading === undefined ? text : text.trimStart().slice(heading.length).trim();
  const withHeading = (t: string) => (heading === undefined ? t : `${heading}\n\n${t}`);
  // The window is a size to aim at, not the budget (the pack is measured exactly): sized in this
  // chunk's own characters per token, it costs no tokenizer pass per sentence tried.
  const maxChars = (window * text.length) / tokens;
  const cut = trimToQuery(body, query, (t) => withHeading(t).length <= maxChars);
  return cut === undefined ? text : withHeading(cut);
}
