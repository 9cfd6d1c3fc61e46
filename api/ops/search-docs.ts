import { resultCacheOf } from "../../indexer/store/search-cache.js";
import { searchChunks } from "../../indexer/store/search-chunks.js";
import type { SearchQuery, SearchRequest, SearchResponse } from "../../schemas/search.js";
import type { IndexHandle } from "./index-handle.js";

/**
 * Searches the index with a request its adapter has parsed; a mode left out is the config's. A
 * repeat of a recent request is answered from the index's result cache while the index is
 * unchanged (search-cache.ts).
 *
 * @example const { hits } = await searchDocs(index, SearchQuery.parse({ q: "configure retries", k: 5 }));
 */
export async function searchDocs(index: IndexHandle, query: SearchQuery): Promise<SearchResponse> {
  const request: SearchRequest = { ...query, mode: query.mode ?? index.config.searchMode };
  const ranking = { vectorWeight: index.config.vectorWeight };
  const key = `search\0${ranking.vectorWeight}\0${JSON.stringify(request)}`;
  return resultCacheOf(index.store).get(key, async () => {
    const embedder = request.mode === "text" ? undefined : await index.embedder();
    return { hits: await searchChunks({ store: index.store, embedder, ranking }, request) };
  });
}
