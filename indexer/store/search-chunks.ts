import { AgentwebError } from "../../schemas/errors.js";
import type { SearchHit, SearchRequest } from "../../schemas/search.js";
import type { Embedder } from "../embed/embedder.js";
import { rerankByCoverage } from "./coverage-boost.js";
import { boostByFields, type FieldWeights } from "./field-boost.js";
import type { Fusion } from "./fusion.js";
import { boostByInbound, inboundAnchorsOf, type LinkRegions } from "./inbound-anchors.js";
import { aggregatePages, bestPerSection } from "./page-aggregate.js";
import { normalisedScoreFusion } from "./score-fusion.js";
import { createResultCache, type ResultCache } from "./search-cache.js";
import { dampSecondary } from "./secondary-pages.js";
import { makeSnippet } from "./snippet.js";
import type { Store, StoredChunk } from "./store.js";

/**
 * Candidates fetched per list beyond k. Re-scoring reads every candidate's text, so this bounds its
 * cost; a margin ranks as a multiple of k did (page level and context packs) at a fraction of the
 * re-scoring for a large context pack.
 */
const CANDIDATE_MARGIN = 50;

/** Ranking knobs, exposed so bench/retrieval can measure variants; defaults are the measured best. */
export interface Ranking {
  /** How hybrid combines its full-text and vector lists. */
  fusion: Fusion;
  /** Weight of the vector list against full text (1) in hybrid. */
  vectorWeight: number;
  /** `group=page`: weight of a page's 2nd, 3rd … chunk (decay, decay², …); 0 = best chunk only. */
  pageDecay: number;
  /** Full-text re-scoring by title, headings and word pairs (field-boost.ts). */
  boost: FieldWeights;
  /** × the score of chunks on change-log, "what's new" and release-notes pages (secondary-pages.ts); 1 = off. */
  secondary: number;
  /** × share of the query named by one inbound link text of the page (inbound-anchors.ts); 0 = off. */
  inbound: number;
  /** Which links' text counts as inbound anchor text (main content, navigation, other). */
  inboundRegions: LinkRegions;
  /** × share of the query's distinct terms a chunk holds (coverage-boost.ts); 0 = off. */
  coverage: number;
}

/**
 * The defaults, chosen with bench/retrieval.ts --variants on every dev set (the README has the table).
 * Hybrid: scores normalised per list (best = 1), the vector list at a low weight (config
 * `vectorWeight`): the bundled embedders find the right page far less often than full text, so
 * vectors may reorder what full text found, never outvote it. A stronger embedder (openai, onnx)
 * may deserve more: measure on your own questions.
 */
export const DEFAULT_RANKING: Ranking = {
  fusion: normalisedScoreFusion(),
  vectorWeight: 0.2,
  pageDecay: 0,
  // Headings, the page title and adjacent word pairs each raised recall; their other weights
  // scored lower (the README's retrieval table).
  boost: { fields: 1, title: 0.5, pairs: 1 },
  // Change logs and release notes restate features without documenting them: damped unless the
  // question asks about changes. Coverage favours the chunk that names all of the question over
  // one that repeats one rare word. Both held on every dev set (bench/retrieval.ts --variants);
  // inbound link text did not, so it stays off.
  secondary: 0.5,
  inbound: 0,
  inboundRegions: ["main", "nav", "other"],
  coverage: 0.5,
};

/**
 * Runs one search in the requested mode and returns hits: the best chunk per section (`url#anchor`)
 * by default, every chunk with `group: "chunk"`, the best chunk per page with `group: "page"`.
 *
 * @example
 * const hits = await searchChunks({ store, embedder }, SearchRequest.parse({ q: "configure retries" }));
 */
export async function searchChunks(
  deps: { store: Store; embedder: Embedder | undefined; ranking?: Partial<Ranking> },
  request: SearchRequest,
): Promise<SearchHit[]> {
  return (await rankChunks(deps, request)).map((c) => toHit(c, request.q));
}

/**
 * The ranked stored chunks behind a search, best first, at most `k` (whole chunks with their text
 * and ordinal: context packs are built from these).
 *
 * @example const chunks = await rankChunks({ store, embedder: undefined }, SearchRequest.parse({ q: "retries", k: 40 }));
 */
export async function rankChunks(
  deps: { store: Store; embedder: Embedder | undefined; ranking?: Partial<Ranking> },
  request: SearchRequest,
): Promise<StoredChunk[]> {
  const ranking = { ...DEFAULT_RANKING, ...deps.ranking };
  const scope = { site: request.site, path: request.path };
  // Fetch more than k: fusion, re-scoring and page grouping all need candidates beyond the first k.
  const depth = request.k + CANDIDATE_MARGIN;
  const vectorHits = async () => {
    if (!deps.embedder) {
      throw new AgentwebError(
        "INVALID_INPUT",
        `mode=${request.mode} needs an embedder, and this index has none`,
      );
    }
    return deps.store.searchVector(await embedQuery(deps.embedder, request.q), scope, depth);
  };
  const textHits = async () => {
    const found = await deps.store.searchText(request.q, scope, depth);
    const hits = rerankByCoverage(
      boostByFields(found, request.q, ranking.boost),
      request.q,
      ranking.coverage,
    );
    if (!ranking.inbound) return hits;
    return boostByInbound(
      hits,
      request.q,
      await inboundAnchorsOf(deps.store, ranking.inboundRegions),
      ranking.inbound,
    );
  };
  let ranked: StoredChunk[];
  if (request.mode === "text") ranked = await textHits();
  else if (request.mode === "vector") ranked = await vectorHits();
  else {
    const [text, vector] = await Promise.all([textHits(), vectorHits()]);
    ranked = ranking.fusion([
      { hits: text, weight: 1 },
      { hits: vector, weight: ranking.vectorWeight },
    ]);
  }
  ranked = dampSecondary(ranked, request.q, ranking.secondary);
  if (request.group === "page") ranked = aggregatePages(ranked, ranking.pageDecay);
  else if (request.group === "section") ranked = bestPerSection(ranked);
  return ranked.slice(0, request.k);
}

/** Recent query vectors per embedder: a query's vector does not depend on the index. */
const queryVectors = new WeakMap<Embedder, ResultCache>();

/**
 * The query's vector, reused while recent: a search and a context pack for the same question, or
 * a repeat, embed it once (a neural encoder costs more per query than the search itself).
 */
function embedQuery(embedder: Embedder, query: string): Promise<Float32Array> {
  let cache = queryVectors.get(embedder);
  if (!cache) {
    cache = createResultCache(async () => 0);
    queryVectors.set(embedder, cache);
  }
  return cache.get(query, async () => (await embedder.embed([query]))[0]!);
}

/**
 * A stored chunk as the API shows it, cited as `url#anchor`.
 *
 * @example toHit(chunk, "retries").citation // "https://x.dev/retries.html#backoff"
 */
export function toHit(chunk: StoredChunk, query: string): SearchHit {
  return {
    url: chunk.url,
    anchor: chunk.anchor,
    citation: chunk.anchor ? `${chunk.url}#${chunk.anchor}` : chunk.url,
    site: chunk.site,
    title: chunk.title,
    headingPath: chunk.headingPath,
    snippet: makeSnippet(chunk.text, query),
    score: Number(chunk.score.toFixed(6)),
    tokens: chunk.tokens,
  };
}
