/**
 * Where a search's time goes, measured in-process on the bench index: full-text query, query
 * embedding (deterministic embedder here; the bundled encoder measured separately when asked),
 * vector search, fusion, hit building + JSON serialisation, and a whole context pack.
 */
import { getContext } from "../api/ops/get-context.js";
import { openIndex } from "../api/ops/index-handle.js";
import { DEFAULT_RANKING, toHit } from "../indexer/store/search-chunks.js";
import { resolveConfig } from "../schemas/config.js";
import { bagOfWordsEmbedder } from "../test/helpers/bag-of-words-embedder.js";
import { percentile } from "./stats.js";

/**
 * Median and p99 (ms) of each phase over `queries` (each run `rounds` times).
 *
 * @example printTable("phases", await measurePhases(dataDir, QUERIES, 3));
 */
export async function measurePhases(data: string, queries: string[], rounds: number, withBundled: boolean) {
  const index = await openIndex(resolveConfig({ flags: { data, embedder: "none" } }), {
    write: false,
    owner: "bench",
  });
  const bow = bagOfWordsEmbedder(512);
  const t: Record<string, number[]> = {
    text: [],
    embedBow: [],
    vector: [],
    fusion: [],
    serialise: [],
    context2000: [],
  };
  const time = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    const s = performance.now();
    const out = await fn();
    t[name]!.push(performance.now() - s);
    return out;
  };
  try {
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        const text = await time("text", () => index.store.searchText(q, {}, 50));
        const [v] = await time("embedBow", () => bow.embed([q]));
        const vector = await time("vector", () => index.store.searchVector(v!, {}, 50));
        const fused = await time("fusion", () =>
          DEFAULT_RANKING.fusion([
            { hits: text, weight: 1 },
            { hits: vector, weight: DEFAULT_RANKING.vectorWeight },
          ]),
        );
        await time("serialise", () => JSON.stringify({ hits: fused.slice(0, 10).map((c) => toHit(c, q)) }));
        await time("context2000", () => getContext(index, { q, maxTokens: 2000 }));
      }
    }
    if (withBundled) {
      const { createBundledEmbedder } = await import("../indexer/embed/bundled-embedder.js");
      const embedder = await createBundledEmbedder({ workers: 1 });
      t.embedBundled = [];
      for (const q of queries) await time("embedBundled", () => embedder.embed([q]));
      await embedder.close();
    }
  } finally {
    await index.close();
  }
  return Object.entries(t).map(([phase, ms]) => ({
    phase,
    n: ms.length,
    p50_ms: percentile(ms, 50).toFixed(2),
    p99_ms: percentile(ms, 99).toFixed(2),
  }));
}
