/**
 * Embedding throughput of the bundled encoder: one worker thread vs two (a model each), on the
 * chunks of the sample docs site. Run: npx tsx bench/embed.ts
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { extractPage } from "../crawler/extract/extract-page.js";
import { chunkMarkdown } from "../indexer/chunk/chunk-markdown.js";
import { createBundledEmbedder } from "../indexer/embed/bundled-embedder.js";
import { embeddingText } from "../indexer/embed/embedding-text.js";
import { SAMPLE_SITE_DIR } from "../test/helpers/sample-site.js";
import { printTable } from "./stats.js";

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith(".html") ? [path] : [];
  });
}

export async function benchEmbed(): Promise<Record<string, string | number>[]> {
  const texts = htmlFiles(SAMPLE_SITE_DIR).flatMap((file) => {
    const url = `https://bench.test/${file.slice(SAMPLE_SITE_DIR.length + 1)}`;
    const page = extractPage(readFileSync(file, "utf8"), url);
    return chunkMarkdown(
      { url, site: "bench", title: page.title, markdown: page.markdown, headings: page.headings },
      { targetTokens: 256 },
    ).map(embeddingText);
  });
  // Three passes over the site's chunks: enough work to amortise start-up and reach steady state.
  const work = [...texts, ...texts, ...texts];
  const rows = [];
  for (const workers of [1, 2]) {
    const startLoad = performance.now();
    const embedder = await createBundledEmbedder({ workers });
    const loadMs = performance.now() - startLoad;
    await embedder.embed(texts.slice(0, 8)); // warm-up
    const start = performance.now();
    await embedder.embed(work);
    const seconds = (performance.now() - start) / 1000;
    await embedder.close();
    rows.push({
      workers,
      chunks: work.length,
      "load ms": Math.round(loadMs),
      seconds: seconds.toFixed(2),
      "chunks/s": (work.length / seconds).toFixed(1),
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable("bundled embedder (USE-lite, 512-d), sample-site chunks", await benchEmbed());
}
