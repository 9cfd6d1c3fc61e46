/**
 * Where a request's time goes, measured in-process on the bench index, per phase: LanceDB's
 * full-text query alone (row ids and scores), the same query with the candidates' rows (what
 * `searchText` runs: k + 50 rows taken and converted), field boost, hit building + JSON, the index
 * version check, a whole search cold and repeated (result cache), query embedding (deterministic
 * embedder here; the bundled encoder when asked), vector search, fusion, and a whole context pack.
 * Wall time (p50/p99) varies with the machine's other work; CPU time per call (the whole process,
 * LanceDB's threads included) varies less.
 */
import * as lancedb from "@lancedb/lancedb";
import { getContext } from "../api/ops/get-context.js";
import { openIndex } from "../api/ops/index-handle.js";
import { searchDocs } from "../api/ops/search-docs.js";
import { boostByFields } from "../indexer/store/field-boost.js";
import { withIdentifierVariants } from "../indexer/store/identifier-variants.js";
import { DEFAULT_RANKING, toHit } from "../indexer/store/search-chunks.js";
import { resolveConfig } from "../schemas/config.js";
import { ContextRequest } from "../schemas/context.js";
import { SearchQuery } from "../schemas/search.js";
import { bagOfWordsEmbedder } from "../test/helpers/bag-of-words-embedder.js";
import { percentile } from "./stats.js";

/** Candidates a k = 10 search fetches (k + 50, search-chunks.ts). */
const DEPTH = 60;

/**
 * Median and p99 wall time (ms) and mean CPU time (ms) of each phase, once per query; `queries`
 * should not repeat, so that only `search_repeat` meets the result cache.
 *
 * @example printTable("phases", await measurePhases(dataDir, questions, false));
 */
export async function measurePhases(data: string, queries: string[], withBundled: boolean) {
  const index = await openIndex(resolveConfig({ flags: { data, embedder: "none" } }), {
    write: false,
    owner: "bench",
  });
  const db = await lancedb.connect(index.dataDir.indexDir);
  const chunks = await db.openTable("chunks");
  const bow = bagOfWordsEmbedder(512);
  const wall: Record<string, number[]> = {};
  const cpu: Record<string, number> = {};
  const time = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    const c = process.cpuUsage();
    const s = performance.now();
    const out = await fn();
    const times = wall[name] ?? [];
    times.push(performance.now() - s);
    wall[name] = times;
    const used = process.cpuUsage(c);
    cpu[name] = (cpu[name] ?? 0) + (used.user + used.system) / 1000;
    return out;
  };
  try {
    // Warm-up: the first queries load the full-text index.
    for (const q of queries.slice(0, 5)) await index.store.searchText(q, {}, DEPTH);
    for (const q of queries) {
      await time("fts_ids_only", () =>
        chunks
          .query()
          .fullTextSearch(withIdentifierVariants(q), { columns: ["content"] })
          .select(["_score"])
          .withRowId()
          .limit(DEPTH)
          .toArrow(),
      );
      const text = await time("fts_with_rows", () => index.store.searchText(q, {}, DEPTH));
      const boosted = await time("boost", () => boostByFields(text, q, DEFAULT_RANKING.boost));
      await time("hits_json", () => JSON.stringify({ hits: boosted.slice(0, 10).map((c) => toHit(c, q)) }));
      await time("version", () => index.store.version());
      await time("search_cold", () => searchDocs(index, SearchQuery.parse({ q, k: 10 })));
      await time("search_repeat", () => searchDocs(index, SearchQuery.parse({ q, k: 10 })));
      const [v] = await time("embed_bow", () => bow.embed([q]));
      const vector = await time("vector", () => index.store.searchVector(v!, {}, DEPTH));
      await time("fusion", () =>
        DEFAULT_RANKING.fusion([
          { hits: text, weight: 1 },
          { hits: vector, weight: DEFAULT_RANKING.vectorWeight },
        ]),
      );
      await time("context2000_cold", () => getContext(index, ContextRequest.parse({ q, maxTokens: 2000 })));
    }
    if (withBundled) {
      const { createBundledEmbedder } = await import("../indexer/embed/bundled-embedder.js");
      const embedder = await createBundledEmbedder({ workers: 1 });
      for (const q of queries) await time("embed_bundled", () => embedder.embed([q]));
      await embedder.close();
    }
  } finally {
    db.close();
    await index.close();
  }
  return Object.entries(wall).map(([phase, ms]) => ({
    phase,
    n: ms.length,
    p50_ms: percentile(ms, 50).toFixed(2),
    p99_ms: percentile(ms, 99).toFixed(2),
    cpu_ms: (cpu[phase]! / ms.length).toFixed(2),
  }));
}
