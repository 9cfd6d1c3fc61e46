import type { IndexHandle } from "../api/ops/index-handle.js";
import { reciprocalRankFusion } from "../indexer/store/fusion.js";
import { normalisedScoreFusion } from "../indexer/store/score-fusion.js";
import { type Ranking, rankChunks } from "../indexer/store/search-chunks.js";
import type { SearchMode } from "../schemas/search.js";
import { BENCH_SITE } from "./retrieval-corpus.js";
import { type Question, scoreRankings } from "./retrieval-score.js";

/** One ranking variant to measure. */
export interface Variant {
  name: string;
  mode: SearchMode;
  ranking: Partial<Ranking>;
}

/**
 * The ranking variants measured one by one on the dev set (each changes one knob from the row above
 * it or from the default), for the search modes the index supports.
 *
 * @example const variants = rankingVariants(true);
 */
export function rankingVariants(withVectors: boolean): Variant[] {
  const rrf = reciprocalRankFusion(60);
  const norm = normalisedScoreFusion();
  const boost = (fields: number, title: number, pairs: number) => ({ boost: { fields, title, pairs } });
  const text: Variant[] = [
    { name: "text, no re-scoring", mode: "text", ranking: boost(0, 0, 0) },
    { name: "text, page decay 0.3", mode: "text", ranking: { ...boost(0, 0, 0), pageDecay: 0.3 } },
    { name: "text, headings 0.5", mode: "text", ranking: boost(0.5, 0, 0) },
    { name: "text, headings 1", mode: "text", ranking: boost(1, 0, 0) },
    { name: "text, headings 2", mode: "text", ranking: boost(2, 0, 0) },
    { name: "text, headings 1 + title 0.25", mode: "text", ranking: boost(1, 0.25, 0) },
    { name: "text, headings 1 + title 0.5", mode: "text", ranking: boost(1, 0.5, 0) },
    { name: "text, headings 1 + title 1", mode: "text", ranking: boost(1, 1, 0) },
    { name: "text, headings 1 + title 0.5 + pairs 0.5", mode: "text", ranking: boost(1, 0.5, 0.5) },
    { name: "text, headings 1 + title 0.5 + pairs 1 (default)", mode: "text", ranking: boost(1, 0.5, 1) },
    { name: "text, headings 1 + title 0.5 + pairs 2", mode: "text", ranking: boost(1, 0.5, 2) },
    { name: "text, default + page decay 0.3", mode: "text", ranking: { pageDecay: 0.3 } },
  ];
  if (!withVectors) return text;
  const hybrid: Variant[] = [
    { name: "vector, best chunk", mode: "vector", ranking: {} },
    { name: "vector, page decay 0.3", mode: "vector", ranking: { pageDecay: 0.3 } },
    { name: "hybrid RRF w=1", mode: "hybrid", ranking: { fusion: rrf, vectorWeight: 1 } },
    { name: "hybrid RRF w=0.5", mode: "hybrid", ranking: { fusion: rrf, vectorWeight: 0.5 } },
  ];
  for (const w of [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 1]) {
    hybrid.push({ name: `hybrid norm w=${w}`, mode: "hybrid", ranking: { fusion: norm, vectorWeight: w } });
  }
  hybrid.push({
    name: "hybrid norm w=0.2, no re-scoring",
    mode: "hybrid",
    ranking: { fusion: norm, vectorWeight: 0.2, ...boost(0, 0, 0) },
  });
  return [...text, ...hybrid];
}

/**
 * Page-level scores of each variant, asked through `rankChunks` (the code `/v1/search` runs, with
 * the variant's knobs instead of the defaults).
 *
 * @example const rows = await measureVariants(index, questions, rankingVariants(false));
 */
export async function measureVariants(
  index: IndexHandle,
  questions: Question[],
  variants: Variant[],
): Promise<Record<string, string | number>[]> {
  const rows: Record<string, string | number>[] = [];
  for (const v of variants) {
    const embedder = v.mode === "text" ? undefined : await index.embedder();
    const rankings: string[][] = [];
    for (const q of questions) {
      const ranked = await rankChunks(
        { store: index.store, embedder, ranking: v.ranking },
        { q: q.question, k: 10, site: BENCH_SITE, mode: v.mode, group: "page" },
      );
      rankings.push(ranked.map((c) => c.url));
    }
    const s = scoreRankings(questions, rankings);
    rows.push({ variant: v.name, "R@1": s.r1.toFixed(3), "R@5": s.r5.toFixed(3), MRR: s.mrr.toFixed(3) });
  }
  return rows;
}
