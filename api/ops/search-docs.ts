import { resultCacheOf } from "../../indexer/store/search-cache.js";
import { searchChunks } from "../../indexer/store/search-chunks.js";
import { SearchRequest, type SearchRequestInput, type SearchResponse } from "../../schemas/search.js";
import type { IndexHandle } from "./index-handle.js";

/**
 * Searches the index. The input is validated here, once, for every adapter; the default mode
 * comes from config. A repeat of a recent request is answered from the index's result cache while
 * the index is unchanged (search-cache.ts).
 *
 * @example const { hits } = await searchDocs(index, { q: "how do I configure retries", k: 5 });
 */
export async function searchDocs(index: IndexHandle, input: SearchRequestInput): Promise<SearchResponse> {
  const request = SearchRequest.parse({ mode: index.config.searchMode, ...stripUndefined(input) });
  const ranking = { vectorWeight: index.config.vectorWeight };
  const key = `search\0${ranking.vectorWeight}\0${JSON.stringify(request)}`;
  return resultCacheOf(index.store).get(key, async () => {
    const embedder = request.mode === "text" ? undefined : await index.embedder();
    return { hits: await searchChunks({ store: index.store, embedder, ranking }, request) };
  });
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as T;
}
