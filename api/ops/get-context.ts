import { buildPack } from "../../indexer/context/build-pack.js";
import { resultCacheOf } from "../../indexer/store/search-cache.js";
import type { ContextPack, ContextRequest } from "../../schemas/context.js";
import type { IndexHandle } from "./index-handle.js";

/**
 * Builds a context pack for `q` within `maxTokens` (indexer/context/build-pack.ts) from a request
 * the adapter parsed; the default mode comes from the config.
 *
 * @example
 * const pack = await getContext(index, ContextRequest.parse({ q: "how do retries back off", maxTokens: 1500 }));
 * pack.totalTokens <= 1500 // always
 */
export async function getContext(
  index: IndexHandle,
  request: ContextRequest,
): Promise<ContextPack & { markdown?: string }> {
  const mode = request.mode ?? index.config.searchMode;
  // A repeat of a recent request, while the index is unchanged, is the same pack (search-cache.ts).
  const key = `context\0${index.config.vectorWeight}\0${mode}\0${JSON.stringify(request)}`;
  return resultCacheOf(index.store).get(key, async () => {
    const embedder = mode === "text" ? undefined : await index.embedder();
    const ranking = { vectorWeight: index.config.vectorWeight };
    return buildPack({ store: index.store, embedder, ranking }, request, mode);
  });
}
