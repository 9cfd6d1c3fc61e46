/**
 * Fills the retrieval bench's vector cache for the bundled encoder ahead of indexing (the slow
 * part: tens of minutes for the three corpora on 2 cores), so index builds afterwards only look
 * vectors up. Saved as it goes: an interrupted run keeps what it embedded.
 * Run: npx tsx bench/retrieval-embed-cache.ts [--sets postgres,node,python] [--cache DIR] [--qa-dir DIR]
 */

import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chunkMarkdown } from "../indexer/chunk/chunk-markdown.js";
import { createBundledEmbedder } from "../indexer/embed/bundled-embedder.js";
import { embeddingText } from "../indexer/embed/embedding-text.js";
import { resolveConfig } from "../schemas/config.js";
import { loadCorpus } from "./retrieval-corpus.js";
import { vectorCacheFile } from "./retrieval-index.js";
import { QA_SETS } from "./retrieval-sets.js";
import { cachedEmbedder } from "./vector-cache.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    sets: { type: "string", default: QA_SETS.map((s) => s.name).join(",") },
    cache: { type: "string", default: join(tmpdir(), "agentweb-bench", "retrieval") },
    "qa-dir": { type: "string", default: join(root, "..", "shared", "bench-data", "retrieval") },
  },
});
const cache = values.cache!;
const log = (line: string) => console.error(line);
const { chunkTokens } = resolveConfig({});
const texts: string[] = [];
for (const set of QA_SETS.filter((s) => values.sets!.split(",").includes(s.name))) {
  const corpus = await loadCorpus(set, values["qa-dir"]!, cache, (l) => log(`${set.name}: ${l}`));
  if ("skipped" in corpus) {
    log(`${set.name}: SKIPPED: ${corpus.skipped}`);
    continue;
  }
  texts.push(
    ...corpus.pages.flatMap((p) => chunkMarkdown(p, { targetTokens: chunkTokens }).map(embeddingText)),
  );
}
const inner = await createBundledEmbedder({ workers: 2 });
const embedder = cachedEmbedder(inner, vectorCacheFile(cache, "bundled"));
const t0 = performance.now();
for (let i = 0; i < texts.length; i += 256) {
  await embedder.embed(texts.slice(i, i + 256));
  const s = (performance.now() - t0) / 1000;
  log(
    `${Math.min(i + 256, texts.length)}/${texts.length} texts, ${embedder.misses} embedded, ${s.toFixed(0)} s`,
  );
}
embedder.save();
await inner.close();
