/**
 * Fills the bench's vector cache for the bundled encoder ahead of indexing (the slow part, ~10+ min
 * on 2 cores), so index rebuilds afterwards only look vectors up.
 * Run: npx tsx bench/retrieval-embed-cache.ts [--cache DIR]
 */

import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chunkMarkdown } from "../indexer/chunk/chunk-markdown.js";
import { createBundledEmbedder } from "../indexer/embed/bundled-embedder.js";
import { embeddingText } from "../indexer/embed/embedding-text.js";
import { resolveConfig } from "../schemas/config.js";
import { loadPages, postgresHtmlDir } from "./retrieval-corpus.js";
import { cachedEmbedder } from "./vector-cache.js";

const { values } = parseArgs({
  options: { cache: { type: "string", default: join(tmpdir(), "agentweb-bench", "retrieval") } },
});
const cache = values.cache!;
const pages = loadPages(postgresHtmlDir(join(cache, "..")), join(cache, "pages.jsonl"));
const { chunkTokens } = resolveConfig({});
const texts = pages.flatMap((p) => chunkMarkdown(p, { targetTokens: chunkTokens }).map(embeddingText));
const inner = await createBundledEmbedder({ workers: 2 });
const embedder = cachedEmbedder(inner, join(cache, `vectors-${inner.name}`));
const t0 = performance.now();
for (let i = 0; i < texts.length; i += 256) {
  await embedder.embed(texts.slice(i, i + 256));
  const s = (performance.now() - t0) / 1000;
  console.error(
    `${Math.min(i + 256, texts.length)}/${texts.length} texts, ${embedder.misses} embedded, ${s.toFixed(0)} s`,
  );
}
embedder.save();
await inner.close();
