import type { ContextPack, ContextPart, ContextRequest } from "../../schemas/context.js";
import type { SearchMode } from "../../schemas/search.js";
import { countTokens, truncateToTokens } from "../../schemas/tokens.js";
import type { Embedder } from "../embed/embedder.js";
import { type Ranking, rankChunks } from "../store/search-chunks.js";
import type { Store, StoredChunk } from "../store/store.js";
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

/** A candidate chunk with its rank. */
interface Candidate {
  hit: StoredChunk;
  rank: number;
}

/**
 * Builds a context pack: the best chunks for `q`, merged per page in document order, each run of
 * adjacent chunks cited by `url#anchor`, a chunk that repeats what the pack holds skipped. Chunks are taken best first while the pack (as JSON parts,
 * or as the rendered markdown for `format=markdown`) stays within `maxTokens`, measured with the
 * tokenizer on the exact text returned; a best chunk larger than the whole budget is cut to fit,
 * and a later chunk larger than what is left is cut to its sentences around the query's terms
 * (trim-to-query.ts) instead of being skipped.
 *
 * @example
 * const pack = await buildPack({ store, embedder: undefined }, ContextRequest.parse({ q: "how do retries back off", maxTokens: 1500 }), "text");
 * pack.totalTokens <= 1500 // always
 */
export async function buildPack(
  deps: { store: Store; embedder: Embedder | undefined; ranking?: Partial<Ranking> },
  request: ContextRequest,
  mode: SearchMode,
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
  for (const [rank, hit] of hits.entries()) {
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
      // The best chunk alone is over budget: cut it rather than answer with nothing.
      const cut = fitOne({ hit, rank }, budget, measure, count);
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

/** Groups chosen chunks per page (pages by their best rank), adjacent chunks merged, in page order. */
function buildParts(chosen: Candidate[], count: (text: string) => number): ContextPart[] {
  const pages = new Map<string, Candidate[]>();
  for (const c of [...chosen].sort((a, b) => a.rank - b.rank)) {
    const list = pages.get(c.hit.url) ?? [];
    list.push(c);
    pages.set(c.hit.url, list);
  }
  const parts: ContextPart[] = [];
  for (const list of pages.values()) {
    list.sort((a, b) => a.hit.ordinal - b.hit.ordinal);
    let run: Candidate[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const first = run[0]!.hit;
      const text = run.map((c) => c.hit.text.trim()).join("\n\n");
      parts.push({
        citation: first.anchor ? `${first.url}#${first.anchor}` : first.url,
        url: first.url,
        title: first.title,
        headingPath: first.headingPath,
        text,
        tokens: count(text),
      });
      run = [];
    };
    for (const c of list) {
      const last = run[run.length - 1];
      if (last && c.hit.ordinal !== last.hit.ordinal + 1) flush();
      run.push(c);
    }
    flush();
  }
  return parts;
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
