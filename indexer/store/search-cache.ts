/**
 * Recent read results (searches, context packs), kept while the index does not change: agents ask
 * the same question again (a retry, a search then a context pack, several agents on one topic), and
 * a repeat costs a map lookup plus the version check instead of a full-text query. An entry is
 * valid only for the index version it was computed at; identical requests that arrive together
 * share one computation.
 */

/** Entries kept by default: a result is at most 100 hits or a pack of 60 chunks, so this stays within tens of MB. */
const DEFAULT_ENTRIES = 256;

export interface ResultCache {
  /**
   * The value for `key` at the current index version: a kept one, the one being computed, or
   * `compute()`'s (kept when it resolves; a failure is not kept). Callers must not mutate it.
   */
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** Entries held now. */
  readonly size: number;
}

/**
 * A small LRU of results, checked against `version()` on every call.
 *
 * @example
 * const cache = createResultCache(() => store.version());
 * const hits = await cache.get(`search\0${JSON.stringify(request)}`, () => searchChunks(deps, request));
 */
export function createResultCache(
  version: () => Promise<number>,
  options: { entries?: number } = {},
): ResultCache {
  const limit = options.entries ?? DEFAULT_ENTRIES;
  // A Map iterates in insertion order: re-inserting on use makes its first key the least recent.
  const entries = new Map<string, { version: number; value: Promise<unknown> }>();
  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const current = await version();
      const kept = entries.get(key);
      if (kept && kept.version === current) {
        entries.delete(key);
        entries.set(key, kept);
        return kept.value as Promise<T>;
      }
      const value = compute();
      entries.delete(key);
      entries.set(key, { version: current, value });
      while (entries.size > limit) entries.delete(entries.keys().next().value!);
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}

const caches = new WeakMap<object, ResultCache>();

/**
 * The result cache of one open index (made on first use), keyed by its store.
 *
 * @example const cache = resultCacheOf(index.store);
 */
export function resultCacheOf(store: { version(): Promise<number> }): ResultCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = createResultCache(() => store.version());
    caches.set(store, cache);
  }
  return cache;
}
