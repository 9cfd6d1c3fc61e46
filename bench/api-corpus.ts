/**
 * The ≥100,000-chunk index for bench/api.ts, built from real documentation text: the llms-full /
 * llms-ctx files in ../shared/bench-data/llms-txt (fasthtml, litellm, intuition, 5e-bits docs),
 * split into pages at H1 headings, chunked by the real chunker, and indexed again under as many
 * site ids as it takes to pass the target. Vectors come from a deterministic bag-of-words embedder
 * (test/helpers/bag-of-words-embedder.ts), for this benchmark only: the bundled encoder would take
 * hours for 100,000 chunks on 2 cores (~13 chunks/s), and text search, the default, does not use them.
 * Rows are bulk-added to LanceDB (one writer, large batches), then the full-text index is built.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as lancedb from "@lancedb/lancedb";
import { chunkMarkdown } from "../indexer/chunk/chunk-markdown.js";
import { embeddingText } from "../indexer/embed/embedding-text.js";
import { openDataDir } from "../indexer/store/data-dir.js";
import { toChunkRow, toPageRow } from "../indexer/store/rows.js";
import { openStore } from "../indexer/store/store.js";
import type { Heading, Page } from "../schemas/page.js";
import { countTokens } from "../schemas/tokens.js";
import { bagOfWordsEmbedder } from "../test/helpers/bag-of-words-embedder.js";

const SOURCES = [
  "AnswerDotAI__fasthtml/nbs/llms-ctx-full.txt",
  "BerriAI__litellm-docs/static/llms-full.txt",
  "0xIntuition__intuition-docs/static/llms-full.txt",
  "5e-bits__docs/llms-full.txt",
  "AnswerDotAI__FastHTML-Gallery/llms_ctx.txt",
];
const DIMS = 512;
const BATCH = 5000;

/** Pages of one source file: split at H1 lines, each with its headings and slug anchors. */
function pagesOf(text: string, source: string): Omit<Page, "site" | "url" | "finalUrl">[] {
  const parts = text.split(/\n(?=# )/).filter((p) => p.trim().length > 200);
  return parts.map((markdown, i) => {
    const headings: Heading[] = [];
    for (const m of markdown.matchAll(/^(#{1,6})\s+(.+)$/gm)) {
      headings.push({ level: m[1]!.length, text: m[2]!.trim(), anchor: slug(m[2]!) });
    }
    return {
      title: headings[0]?.text ?? `${source} part ${i + 1}`,
      description: "",
      lang: "en",
      markdown,
      links: [],
      headings,
      contentHash: `${source}-${i}`,
      fetchedVia: "llms.txt-md" as const,
      tokens: { html: 0, markdown: countTokens(markdown) },
      removed: [],
      fetchedAt: new Date(0).toISOString(),
    };
  });
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * Builds (or reuses) the bench index in `root`; returns its size and a few queries from its text.
 *
 * @example const { chunks, sites } = await buildBenchIndex("/tmp/agentweb-bench", { minChunks: 100_000 });
 */
export async function buildBenchIndex(
  root: string,
  options: { minChunks: number; benchData: string },
): Promise<{ chunks: number; sites: number; pages: number; buildMs: number; reused: boolean }> {
  const dataDir = openDataDir(root, { create: true });
  const store = await openStore({ dir: dataDir.indexDir, dims: DIMS });
  const existing = await store.counts();
  // Text and vector indexes, as the end of a crawl builds them (the marker's name changes when
  // that set does, so an older cache gets the new ones).
  const ftsDone = join(root, "bench-indexes-v2.done");
  if (existing.chunks >= options.minChunks) {
    // An earlier run may have stopped while the indexes were being built.
    if (!existsSync(ftsDone)) await finishIndex(store, ftsDone);
    store.close();
    return { ...existing, sites: Object.keys(dataDir.readMeta().sites).length, buildMs: 0, reused: true };
  }
  const started = performance.now();
  const base = SOURCES.filter((s) => existsSync(join(options.benchData, s))).flatMap((s) =>
    pagesOf(readFileSync(join(options.benchData, s), "utf8"), s.split("/")[0]!),
  );
  const embedder = bagOfWordsEmbedder(DIMS);
  const db = await lancedb.connect(dataDir.indexDir);
  const chunkTable = await db.openTable("chunks");
  const pageTable = await db.openTable("pages");
  // Chunked and embedded once; each copy only renames URLs and ids (copies differ by site, not text).
  const template = await Promise.all(
    base.map(async (p, i) => {
      const path = `/docs/${i}-${slug(p.title).slice(0, 60)}.html`;
      const chunks = chunkMarkdown({ ...p, site: "x", url: `https://x${path}` }, { targetTokens: 256 });
      return { page: p, path, chunks, vectors: await embedder.embed(chunks.map(embeddingText)) };
    }),
  );
  let chunks = 0;
  let pages = 0;
  let copy = 0;
  while (chunks < options.minChunks) {
    copy += 1;
    const site = `bench-${copy}.example`;
    const chunkRows: Record<string, unknown>[] = [];
    const pageRows: Record<string, unknown>[] = [];
    for (const t of template) {
      const url = `https://${site}${t.path}`;
      const page: Page = { ...t.page, site, url, finalUrl: url };
      t.chunks.forEach((c, j) => {
        const id = createHash("sha256").update(`${url}\n${c.ordinal}\n${c.text}`).digest("hex").slice(0, 32);
        const chunk = { ...c, id, url, site };
        chunkRows.push({ ...toChunkRow(chunk, DIMS), embedded: true, vector: Array.from(t.vectors[j]!) });
      });
      pageRows.push(toPageRow(page) as unknown as Record<string, unknown>);
    }
    for (let i = 0; i < chunkRows.length; i += BATCH) await chunkTable.add(chunkRows.slice(i, i + BATCH));
    await pageTable.add(pageRows);
    chunks += chunkRows.length;
    pages += pageRows.length;
    dataDir.writeMeta((meta) => {
      meta.sites[site] = {
        site,
        startUrl: `https://${site}/docs/`,
        embedder: embedder.name,
        dims: DIMS,
        lastCrawl: {
          startedAt: new Date().toISOString(),
          finishedAt: new Date().toISOString(),
          ok: pageRows.length,
          skipped: 0,
          failed: 0,
        },
      };
    });
    process.stderr.write(`\rbench index: ${chunks} chunks, ${pages} pages, ${copy} sites`);
  }
  await finishIndex(store, ftsDone);
  store.close();
  db.close();
  return { chunks, pages, sites: copy, buildMs: Math.round(performance.now() - started), reused: false };
}

async function finishIndex(store: Awaited<ReturnType<typeof openStore>>, marker: string): Promise<void> {
  process.stderr.write("\nbench index: building the full-text and vector indexes and compacting…\n");
  const started = performance.now();
  await store.buildTextIndex();
  await store.buildVectorIndex();
  await store.optimize();
  writeFileSync(marker, `${Math.round(performance.now() - started)} ms\n`);
}
