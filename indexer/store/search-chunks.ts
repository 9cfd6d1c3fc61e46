import { AgentwebError } from "../../schemas/errors.js";
import type { SearchHit, SearchRequest } from "../../schemas/search.js";
import type { Embedder } from "../embed/embedder.js";
import { type Fusion, reciprocalRankFusion } from "./fusion.js";
import { makeSnippet } from "./snippet.js";
import type { Store, StoredChunk } from "./store.js";

/**
 * Hybrid search's default fusion. Full text leads: on real docs questions the bundled encoder alone
 * is far weaker, and equal-weight fusion measured below full text alone (see DESIGN.md).
 */
export const DEFAULT_FUSION: Fusion = (lists) =>
  reciprocalRankFusion(60)(lists.map((l, i) => ({ ...l, weight: i === 0 ? l.weight : l.weight * 0.5 })));

/**
 * Runs one search in the requested mode and returns hits (chunks, or the best chunk per page with
 * `group: "page"`).
 *
 * @example
 * const hits = await searchChunks({ store, embedder }, SearchRequest.parse({ q: "configure retries" }));
 */
export async function searchChunks(
  deps: { store: Store; embedder: Embedder | undefined; fusion?: Fusion },
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
  deps: { store: Store; embedder: Embedder | undefined; fusion?: Fusion },
  request: SearchRequest,
): Promise<StoredChunk[]> {
  const scope = { site: request.site, path: request.path };
  // Fetch more than k: fusion and page grouping both need candidates beyond the first k.
  const depth = request.group === "page" || request.mode === "hybrid" ? request.k * 5 : request.k;
  const vectorHits = async () => {
    if (!deps.embedder) {
      throw new AgentwebError(
        "INVALID_INPUT",
        `mode=${request.mode} needs an embedder, and this index has none`,
      );
    }
    const [vector] = await deps.embedder.embed([request.q]);
    return deps.store.searchVector(vector!, scope, depth);
  };
  let ranked: StoredChunk[];
  if (request.mode === "text") ranked = await deps.store.searchText(request.q, scope, depth);
  else if (request.mode === "vector") ranked = await vectorHits();
  else {
    const [text, vector] = await Promise.all([deps.store.searchText(request.q, scope, depth), vectorHits()]);
    ranked = (deps.fusion ?? DEFAULT_FUSION)([
      { hits: text, weight: 1 },
      { hits: vector, weight: 1 },
    ]);
  }
  if (request.group === "page") ranked = bestPerPage(ranked);
  return ranked.slice(0, request.k);
}

function bestPerPage(ranked: StoredChunk[]): StoredChunk[] {
  const seen = new Set<string>();
  return ranked.filter((c) => !seen.has(c.url) && seen.add(c.url));
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
