/**
 * Retrieval quality on the PostgreSQL 15 manual with the dev set's 80 questions
 * (../shared/bench-data/retrieval/postgres-qa.jsonl): page-level Recall@1/@5 and MRR per search mode
 * through the ops layer (what `/v1/search` runs), evidence-in-context share at 1000/2000/4000 tokens
 * (what `/v1/context` runs), p50/p95 latency, and the README's plain BM25 baseline computed here.
 *
 * Run: npx tsx bench/retrieval.ts [--embedder bundled|static|none] [--cache DIR] [--context-modes text,hybrid] [--variants]
 * The manual (apt-get download postgresql-doc-15), extracted pages, vectors and the index are cached
 * under --cache (default $TMPDIR/agentweb-bench/retrieval); the index is rebuilt when indexing code changes.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getContext } from "../api/ops/get-context.js";
import { openIndex } from "../api/ops/index-handle.js";
import { searchDocs } from "../api/ops/search-docs.js";
import { createBundledEmbedder } from "../indexer/embed/bundled-embedder.js";
import { createStaticEmbedder } from "../indexer/embed/static-embedder.js";
import { resolveConfig } from "../schemas/config.js";
import type { SearchMode } from "../schemas/search.js";
import { bm25Baseline } from "./retrieval-bm25.js";
import { BENCH_SITE, loadPages, postgresHtmlDir } from "./retrieval-corpus.js";
import { benchIndex } from "./retrieval-index.js";
import { containsEvidence, type Question, scoreRankings } from "./retrieval-score.js";
import { measureVariants, rankingVariants } from "./retrieval-variants.js";
import { percentile, printTable } from "./stats.js";

const { values } = parseArgs({
  options: {
    embedder: { type: "string", default: "bundled" },
    cache: { type: "string", default: join(tmpdir(), "agentweb-bench", "retrieval") },
    questions: { type: "string", default: "../shared/bench-data/retrieval/postgres-qa.jsonl" },
    "context-modes": { type: "string" },
    variants: { type: "boolean", default: false },
  },
});
const log = (line: string) => console.error(line);
const cache = values.cache!;
mkdirSync(cache, { recursive: true });
const questions = readFileSync(values.questions!, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Question);

const htmlDir = postgresHtmlDir(join(cache, ".."));
const pages = loadPages(htmlDir, join(cache, "pages.jsonl"));
log(`${pages.length} pages, ${questions.length} questions`);

const embedderName = values.embedder!;
const makeEmbedder =
  embedderName === "bundled"
    ? () => createBundledEmbedder({ workers: 2 })
    : embedderName === "static"
      ? async () => createStaticEmbedder()
      : undefined;
const data = await benchIndex({ cache, pages, embedder: embedderName, makeEmbedder, log });

const searchRows: Record<string, string | number>[] = [];
const baseline = bm25Baseline(htmlDir);
{
  const times: number[] = [];
  const rankings = questions.map((q) => {
    const t = performance.now();
    const r = baseline(q.question);
    times.push(performance.now() - t);
    return r;
  });
  searchRows.push(row("BM25 baseline (pages, visible text)", scoreRankings(questions, rankings), times));
}

const config = resolveConfig({ flags: { data, embedder: embedderName } });
const index = await openIndex(config, { write: false, owner: "bench" });
const contextRows: Record<string, string | number>[] = [];
try {
  if (values.variants) {
    printTable(
      "Ranking variants (page level, through rankChunks)",
      await measureVariants(index, questions, rankingVariants(embedderName !== "none")),
    );
  }
  const modes: SearchMode[] = embedderName === "none" ? ["text"] : ["text", "vector", "hybrid"];
  for (const mode of modes) {
    // Warm-up: the embedder's workers load their model on first use.
    await searchDocs(index, { q: "warm up", mode, site: BENCH_SITE });
    const times: number[] = [];
    const rankings: string[][] = [];
    for (const q of questions) {
      const t = performance.now();
      const { hits } = await searchDocs(index, {
        q: q.question,
        k: 10,
        group: "page",
        mode,
        site: BENCH_SITE,
      });
      times.push(performance.now() - t);
      rankings.push(hits.map((h) => h.url));
    }
    searchRows.push(row(`agentweb ${mode}`, scoreRankings(questions, rankings), times));
  }
  const contextModes = (values["context-modes"]?.split(",").filter(Boolean) ?? modes) as SearchMode[];
  for (const mode of contextModes) {
    for (const maxTokens of [1000, 2000, 4000]) {
      const times: number[] = [];
      let found = 0;
      let tokens = 0;
      for (const q of questions) {
        const t = performance.now();
        const pack = await getContext(index, { q: q.question, maxTokens, mode, site: BENCH_SITE });
        times.push(performance.now() - t);
        tokens += pack.totalTokens;
        if (containsEvidence(pack.parts.map((p) => p.text).join("\n"), q.evidence)) found++;
      }
      contextRows.push({
        mode,
        budget: maxTokens,
        "evidence in pack": (found / questions.length).toFixed(3),
        "mean tokens": Math.round(tokens / questions.length),
        "p50 ms": percentile(times, 50).toFixed(1),
        "p95 ms": percentile(times, 95).toFixed(1),
      });
    }
  }
} finally {
  await index.close();
}

printTable(`Search, page level, ${questions.length} questions (embedder: ${embedderName})`, searchRows);
printTable("Context packs: share of questions whose evidence sentence is in the pack", contextRows);

function row(
  name: string,
  s: { r1: number; r5: number; mrr: number },
  times: number[],
): Record<string, string | number> {
  return {
    run: name,
    "R@1": s.r1.toFixed(3),
    "R@5": s.r5.toFixed(3),
    MRR: s.mrr.toFixed(3),
    "p50 ms": percentile(times, 50).toFixed(1),
    "p95 ms": percentile(times, 95).toFixed(1),
  };
}
