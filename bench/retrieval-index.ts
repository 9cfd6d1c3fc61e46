import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as lancedb from "@lancedb/lancedb";
import { chunkMarkdown } from "../indexer/chunk/chunk-markdown.js";
import type { Embedder } from "../indexer/embed/embedder.js";
import { embeddingText } from "../indexer/embed/embedding-text.js";
import { openDataDir } from "../indexer/store/data-dir.js";
import { toChunkRow, toPageRow } from "../indexer/store/rows.js";
import { openStore } from "../indexer/store/store.js";
import { resolveConfig } from "../schemas/config.js";
import type { Page } from "../schemas/page.js";
import { BENCH_ORIGIN, BENCH_SITE } from "./retrieval-corpus.js";
import { cachedEmbedder } from "./vector-cache.js";

/**
 * The bench's data dir for one embedder, built once and reused while the indexing code is unchanged:
 * the dir name carries a hash of `indexer/` sources, so an edit to chunking, stored columns or
 * embedding text rebuilds it. Vectors live in a separate cache keyed by text, so a rebuild only
 * embeds chunks whose text changed.
 *
 * @example const data = await benchIndex({ cache, pages, embedder: "bundled", makeEmbedder });
 */
export async function benchIndex(options: {
  cache: string;
  pages: Page[];
  embedder: string;
  makeEmbedder: (() => Promise<Embedder>) | undefined;
  log: (line: string) => void;
}): Promise<string> {
  const data = join(options.cache, `data-${options.embedder}-${sourceHash(INDEX_SOURCES)}`);
  if (existsSync(join(data, "bench-complete"))) return data;
  rmSync(data, { recursive: true, force: true });
  const inner = options.makeEmbedder ? await options.makeEmbedder() : undefined;
  const embedder = inner ? cachedEmbedder(inner, join(options.cache, `vectors-${inner.name}`)) : undefined;
  const t0 = performance.now();
  const dataDir = openDataDir(data, { create: true });
  const store = await openStore({ dir: dataDir.indexDir, dims: DIMS });
  try {
    const rows = options.pages.flatMap((p) =>
      chunkMarkdown(p, { targetTokens: CHUNK_TOKENS }).map((c) => toChunkRow(c, DIMS)),
    );
    if (embedder) {
      const vectors = await embedder.embed(rows.map(embeddingText));
      for (const [i, r] of rows.entries())
        Object.assign(r, { embedded: true, vector: Array.from(vectors[i]!) });
      embedder.save();
    }
    // One bulk add instead of a commit per page: the per-page path (replacePage) is tested
    // elsewhere, and 1,169 commits take minutes on a busy machine for rows that come out the same.
    const db = await lancedb.connect(dataDir.indexDir);
    const chunks = await db.openTable("chunks");
    for (let i = 0; i < rows.length; i += 2000) {
      await chunks.add(rows.slice(i, i + 2000).map((r) => ({ ...r, vector: Array.from(r.vector) })));
    }
    await (await db.openTable("pages")).add(options.pages.map((p) => ({ ...toPageRow(p) })));
    db.close();
    await store.buildTextIndex();
    if (embedder) await store.buildVectorIndex();
    dataDir.writeMeta((meta) => {
      meta.sites[BENCH_SITE] = {
        site: BENCH_SITE,
        startUrl: `${BENCH_ORIGIN}/index.html`,
        embedder: embedder?.name ?? "none",
        dims: DIMS,
      };
    });
    options.log(
      `index built: ${rows.length} chunks (${embedder?.misses ?? 0} new vectors) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  } finally {
    await inner?.close();
    store.close();
  }
  writeFileSync(join(data, "bench-complete"), new Date().toISOString());
  return data;
}

/** openIndex opens every index with the bundled encoder's width. */
const DIMS = 512;
const CHUNK_TOKENS = resolveConfig({}).chunkTokens;

/** What decides the stored rows (ranking code is read at query time and needs no rebuild). */
const INDEX_SOURCES = [
  "indexer/chunk",
  "indexer/index-writer.ts",
  "indexer/embed/embedding-text.ts",
  "indexer/store/identifier-variants.ts",
  "indexer/store/rows.ts",
  "indexer/store/store.ts",
  "indexer/store/table-schemas.ts",
];

/** A short hash of every non-test TypeScript source under the given paths. */
function sourceHash(paths: string[]): string {
  const hash = createHash("sha1");
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts") && !name.endsWith(".test.ts"))
        hash.update(path).update(readFileSync(path));
    }
  };
  for (const p of paths) {
    if (statSync(p).isDirectory()) walk(p);
    else hash.update(p).update(readFileSync(p));
  }
  return hash.digest("hex").slice(0, 10);
}
