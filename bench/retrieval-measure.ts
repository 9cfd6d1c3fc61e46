/**
 * One set's figures for one run: page-level R@1, R@5 and MRR through the ops layer `/v1/search`
 * runs (`group=page`, k 10), the share of questions whose evidence sentence is in the context pack
 * `/v1/context` builds at each budget, and search latency; the BM25 baseline in the same shape.
 */
import { getContext } from "../api/ops/get-context.js";
import type { IndexHandle } from "../api/ops/index-handle.js";
import { searchDocs } from "../api/ops/search-docs.js";
import { ContextRequest } from "../schemas/context.js";
import { type SearchMode, SearchQuery } from "../schemas/search.js";
import { bm25Baseline } from "./retrieval-bm25.js";
import type { Corpus } from "./retrieval-corpus.js";
import { containsEvidence, scoreRankings } from "./retrieval-score.js";
import { BENCH_SITE } from "./retrieval-sets.js";

/** Context budgets measured, in tokens. */
export const BUDGETS = [1000, 2000, 4000] as const;

export interface RunScores {
  run: string;
  r1: number;
  r5: number;
  mrr: number;
  /** Share of questions whose evidence is in the pack, per budget (none for the baseline). */
  evidence?: Record<number, number>;
  /** Search latencies in ms, one per question. */
  searchMs: number[];
  /** Context-pack latencies at 2,000 tokens, one per question. */
  contextMs?: number[];
}

/**
 * The plain BM25 baseline over the set's corpus pages.
 *
 * @example const row = measureBaseline(corpus);
 */
export function measureBaseline(corpus: Corpus): RunScores {
  const rank = bm25Baseline(corpus.htmlDir, corpus.paths);
  const searchMs: number[] = [];
  const rankings = corpus.questions.map((q) => {
    const t = performance.now();
    const r = rank(q.question);
    searchMs.push(performance.now() - t);
    return r;
  });
  const s = scoreRankings(corpus.questions, rankings);
  return { run: "BM25 baseline", r1: s.r1, r5: s.r5, mrr: s.mrr, searchMs };
}

/**
 * agentweb in one search mode with its default ranking: searches, then a context pack per budget.
 *
 * @example const row = await measureMode(index, corpus, "text");
 */
export async function measureMode(index: IndexHandle, corpus: Corpus, mode: SearchMode): Promise<RunScores> {
  const { questions } = corpus;
  // Warm-up: an embedder's workers load their model on first use.
  await searchDocs(index, SearchQuery.parse({ q: "warm up", mode, site: BENCH_SITE }));
  const searchMs: number[] = [];
  const rankings: string[][] = [];
  for (const q of questions) {
    const t = performance.now();
    const { hits } = await searchDocs(
      index,
      SearchQuery.parse({ q: q.question, k: 10, group: "page", mode, site: BENCH_SITE }),
    );
    searchMs.push(performance.now() - t);
    rankings.push(hits.map((h) => h.url));
  }
  const evidence: Record<number, number> = {};
  const contextMs: number[] = [];
  for (const maxTokens of BUDGETS) {
    let found = 0;
    for (const q of questions) {
      const t = performance.now();
      const pack = await getContext(
        index,
        ContextRequest.parse({ q: q.question, maxTokens, mode, site: BENCH_SITE }),
      );
      if (maxTokens === 2000) contextMs.push(performance.now() - t);
      if (containsEvidence(pack.parts.map((p) => p.text).join("\n"), q.evidence)) found++;
    }
    evidence[maxTokens] = found / questions.length;
  }
  const s = scoreRankings(questions, rankings);
  return { run: `agentweb ${mode}`, r1: s.r1, r5: s.r5, mrr: s.mrr, evidence, searchMs, contextMs };
}
