import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import * as lancedb from "@lancedb/lancedb";
import { chunkMarkdown } from "../indexer/chunk/chunk-markdown.js";
import type { Embedder } from "../indexer/embed/embedder.js";
import { embeddingText } from "../indexer/embed/embedding-text.js";
import { openDataDir } from "../indexer/store/data-dir.js";
import { toChunkRow, toPageRow } from "../indexer/store/rows.js";
import { openStore } from "../indexer/store/store.js";
import { resolveConfig } from "../schemas/config.js";
import type { Page } from "../schemas/page.js";
import { cacheKey } from "./retrieval-cache-key.js";
import { BENCH_ORIGIN, BENCH_SITE } from "./retrieval-sets.js";
import { cachedEmbedder } from "./vector-cache.js";

/**
 * A set's data dir for one embedder, built once and reused while nothing that decides its rows
 * changed: the dir name is a hash of the extracted pages' key, the embedder and its code, and every
 * module the build reaches (chunker, rows, store, embedding text) plus the lock file. Vectors live in
 * a separate cache keyed by text (shared by the sets), so a rebuild only embeds chunks whose text
 * changed.
 *
 * @example const data = await benchIndex({ dir, pagesKey, pages, embedder: "static", embedding: { make, vectors }, log });
 */
export async function benchIndex(options: {
  /** The set's cache dir. */
  dir: string;
  pagesKey: string;
  pages: Page[];
  embedder: string;
  /** How to start the embedder, and the vector cache's file stem (vector-cache.ts); none for "none". */
  embedding: { make: () => Promise<Embedder>; vectors: string } | undefined;
  log: (line: string) => void;
}): Promise<string> {
  const key = cacheKey({
    entries: INDEX_ENTRIES,
    files: ["package-lock.json"],
    values: [
      options.pagesKey,
      options.embedder,
      options.embedding?.vectors ?? "",
      DIMS,
      CHUNK_TOKENS,
      BENCH_SITE,
    ],
  });
  const name = `data-${options.embedder}-${key}`;
  const data = join(options.dir, name);
  if (existsSync(join(data, "bench-complete"))) return data;
  rmSync(data, { recursive: true, force: true });
  // Indexes built by older code for this embedder are never read again.
  for (const old of readdirSync(options.dir).filter((f) => f.startsWith(`data-${options.embedder}-`))) {
    rmSync(join(options.dir, old), { recursive: true, force: true });
  }
  const inner = await options.embedding?.make();
  if (options.embedding) pruneVectorCaches(options.embedding.vectors);
  const embedder = inner && cachedEmbedder(inner, options.embedding!.vectors);
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

/** The build's entry modules; what they import is followed (ranking code, read per query, is not). */
const INDEX_ENTRIES = [
  "bench/retrieval-index.ts",
  "indexer/chunk/chunk-markdown.ts",
  "indexer/embed/embedding-text.ts",
  "indexer/store/data-dir.ts",
  "indexer/store/rows.ts",
  "indexer/store/store.ts",
];

/**
 * The vector cache's file stem for an embedder: its name and a hash of its code, its table and the
 * installed versions of the model packages it runs, so changed vectors are never read back from an
 * older cache (and an unrelated dependency change does not throw away tens of minutes of embedding).
 *
 * @example vectorCacheFile(cache, "static") // ".../vectors-static-1a2b3c4d5e6f"
 */
export function vectorCacheFile(cache: string, embedder: string): string {
  const models = ["core", "embeddings", "model-embeddings-en"].map(
    (p) => `node_modules/@energetic-ai/${p}/package.json`,
  );
  const code =
    embedder === "static"
      ? {
          entries: ["indexer/embed/static-embedder.ts"],
          files: ["indexer/embed/static-table.bin", ...models],
        }
      : { entries: [`indexer/embed/${embedder}-embedder.ts`], files: models };
  return join(cache, `vectors-${embedder}-${cacheKey(code)}`);
}

/** Removes an embedder's vector caches made under other keys: their vectors are never read again. */
function pruneVectorCaches(stem: string): void {
  const dir = dirname(stem);
  const prefix = `${basename(stem).replace(/-[0-9a-f]+$/, "")}-`;
  for (const f of readdirSync(dir)) {
    if (f.startsWith(prefix) && !f.startsWith(`${basename(stem)}.`)) rmSync(join(dir, f), { force: true });
  }
}
