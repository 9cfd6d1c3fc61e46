import { getContext } from "../api/ops/get-context.js";
import { type IndexHandle, openIndex } from "../api/ops/index-handle.js";
import { DEFAULT_PACKING, type Packing } from "../indexer/context/build-pack.js";
import { reciprocalRankFusion } from "../indexer/store/fusion.js";
import { normalisedScoreFusion } from "../indexer/store/score-fusion.js";
import { DEFAULT_RANKING, type Ranking, rankChunks } from "../indexer/store/search-chunks.js";
import { ContextRequest } from "../schemas/context.js";
import type { SearchMode } from "../schemas/search.js";
import type { Corpus } from "./retrieval-corpus.js";
import { f3, type Row } from "./retrieval-report.js";
import { containsEvidence, scoreRankings } from "./retrieval-score.js";
import { BENCH_SITE } from "./retrieval-sets.js";
import { meanOf, questionsDelta, type SetScores, signed, verdict } from "./retrieval-verdict.js";

/** One ranking variant to measure. */
export interface Variant {
  name: string;
  mode: SearchMode;
  ranking: Partial<Ranking>;
  /** Context-pack knobs (build-pack.ts); search rankings are unchanged by them. */
  packing?: Partial<Packing>;
}

/**
 * The ranking variants measured one by one (each changes one knob from the row above it or from the
 * default), for the given search modes, each mode's default ranking first.
 *
 * @example const variants = rankingVariants(["text", "hybrid"]);
 */
export function rankingVariants(modes: SearchMode[]): Variant[] {
  const rrf = reciprocalRankFusion(60);
  const norm = normalisedScoreFusion();
  const boost = (fields: number, title: number, pairs: number) => ({ boost: { fields, title, pairs } });
  const text: Variant[] = [
    { name: defaultName("text"), mode: "text", ranking: {} },
    { name: "text, no re-scoring", mode: "text", ranking: boost(0, 0, 0) },
    { name: "text, page decay 0.3", mode: "text", ranking: { ...boost(0, 0, 0), pageDecay: 0.3 } },
    { name: "text, headings 0.5", mode: "text", ranking: boost(0.5, 0, 0) },
    { name: "text, headings 1", mode: "text", ranking: boost(1, 0, 0) },
    { name: "text, headings 2", mode: "text", ranking: boost(2, 0, 0) },
    { name: "text, headings 1 + title 0.25", mode: "text", ranking: boost(1, 0.25, 0) },
    { name: "text, headings 1 + title 0.5", mode: "text", ranking: boost(1, 0.5, 0) },
    { name: "text, headings 1 + title 1", mode: "text", ranking: boost(1, 1, 0) },
    { name: "text, headings 1 + title 0.5 + pairs 0.5", mode: "text", ranking: boost(1, 0.5, 0.5) },
    { name: "text, headings 1 + title 0.5 + pairs 1", mode: "text", ranking: boost(1, 0.5, 1) },
    { name: "text, headings 1 + title 0.5 + pairs 2", mode: "text", ranking: boost(1, 0.5, 2) },
    { name: "text, default + page decay 0.3", mode: "text", ranking: { pageDecay: 0.3 } },
    ...[0.3, 0.5, 0.7].map((w) => ({
      name: `text, secondary pages ×${w}`,
      mode: "text" as const,
      ranking: { secondary: w },
    })),
    ...[0.25, 0.5, 1].map((w) => ({
      name: `text, inbound anchor text ${w}`,
      mode: "text" as const,
      ranking: { inbound: w },
    })),
    ...[0.25, 0.5].map((w) => ({
      name: `text, inbound anchor text of main-content links ${w}`,
      mode: "text" as const,
      ranking: { inbound: w, inboundRegions: ["main" as const] },
    })),
    ...[0.25, 0.5, 1].map((w) => ({
      name: `text, query coverage ${w}`,
      mode: "text" as const,
      ranking: { coverage: w },
    })),
    ...[150, 250, 350].map((window) => ({
      name: `text, pack windows ${window}`,
      mode: "text" as const,
      ranking: {},
      packing: { window },
    })),
    ...[100, 150, 200, 250].map((window) => ({
      name: `text, pack windows ${window} after the best`,
      mode: "text" as const,
      ranking: {},
      packing: { window, wholeFirst: 1 },
    })),
    {
      name: "text, pack windows 150 after the best 2",
      mode: "text",
      ranking: {},
      packing: { window: 150, wholeFirst: 2 },
    },
    ...[0.25, 0.5].map((w) => ({
      name: `text, secondary pages ×0.5 + query coverage ${w}`,
      mode: "text" as const,
      ranking: { secondary: 0.5, coverage: w },
    })),
    {
      name: "text, secondary pages ×0.5 + query coverage 0.25 + pack windows 150 after the best",
      mode: "text",
      ranking: { secondary: 0.5, coverage: 0.25 },
      packing: { window: 150, wholeFirst: 1 },
    },
    {
      name: "text, secondary pages ×0.5 + query coverage 0.5 + pack windows 200 after the best",
      mode: "text",
      ranking: { secondary: 0.5, coverage: 0.5 },
      packing: { window: 200, wholeFirst: 1 },
    },
    {
      name: "text, secondary pages ×0.5 + query coverage 0.5 + inbound anchor text 0.25",
      mode: "text",
      ranking: { secondary: 0.5, coverage: 0.5, inbound: 0.25 },
    },
  ];
  const vector: Variant[] = [
    { name: defaultName("vector"), mode: "vector", ranking: {} },
    { name: "vector, page decay 0.3", mode: "vector", ranking: { pageDecay: 0.3 } },
  ];
  const hybrid: Variant[] = [
    { name: defaultName("hybrid"), mode: "hybrid", ranking: {} },
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
  return [...text, ...vector, ...hybrid].filter((v) => modes.includes(v.mode));
}

/** The name of a mode's default-ranking row, the one its variants are judged against. */
export function defaultName(mode: SearchMode): string {
  return `${mode}, default ranking`;
}

/**
 * Each variant's scores on one set: page-level R@1, R@5 and MRR through `rankChunks` (the code
 * `/v1/search` runs, with the variant's knobs instead of the defaults), and evidence@2000 through
 * `getContext` under the same knobs (withRanking).
 *
 * @example const scores = await measureVariants(index, corpus, rankingVariants(["text"]));
 */
export async function measureVariants(
  index: IndexHandle,
  corpus: Corpus,
  variants: Variant[],
  log: (line: string) => void,
): Promise<Map<string, SetScores>> {
  const { questions } = corpus;
  const out = new Map<string, SetScores>();
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
    const found = await withRanking(index, v.ranking, v.packing ?? {}, async (handle) => {
      let n = 0;
      for (const q of questions) {
        const pack = await getContext(
          handle,
          ContextRequest.parse({
            q: q.question,
            maxTokens: 2000,
            mode: v.mode,
            site: BENCH_SITE,
          }),
        );
        if (containsEvidence(pack.parts.map((p) => p.text).join("\n"), q.evidence)) n++;
      }
      return n;
    });
    const s = scoreRankings(questions, rankings);
    out.set(v.name, {
      n: questions.length,
      r1: s.r1,
      r5: s.r5,
      mrr: s.mrr,
      ev2000: found / questions.length,
    });
    log(
      `${corpus.set.name}: ${v.name}: R@5 ${s.r5.toFixed(3)}, ev@2000 ${(found / questions.length).toFixed(3)}`,
    );
  }
  return out;
}

/**
 * Runs `fn` with context packs ranked under `ranking` and cut under `packing`. getContext takes no
 * knobs: it ranks with DEFAULT_RANKING and the config's vectorWeight and packs with DEFAULT_PACKING,
 * so the bench sets them for the duration, on a
 * handle of its own whose result cache (one per open store) holds no pack ranked otherwise.
 */
async function withRanking<T>(
  index: IndexHandle,
  ranking: Partial<Ranking>,
  packing: Partial<Packing>,
  fn: (handle: IndexHandle) => Promise<T>,
): Promise<T> {
  const vectorWeight = ranking.vectorWeight ?? index.config.vectorWeight;
  const fresh = await openIndex({ ...index.config, vectorWeight }, { write: false, owner: "bench" });
  const handle: IndexHandle = { ...fresh, embedder: index.embedder };
  const saved = { ...DEFAULT_RANKING };
  const savedPacking = { ...DEFAULT_PACKING };
  Object.assign(DEFAULT_RANKING, ranking, { vectorWeight });
  Object.assign(DEFAULT_PACKING, packing);
  try {
    return await fn(handle);
  } finally {
    Object.assign(DEFAULT_RANKING, saved);
    Object.assign(DEFAULT_PACKING, savedPacking);
    await fresh.close();
  }
}

/**
 * The variants table: each variant's mean over the sets, its change from its mode's default on
 * each set (R@5 and evidence@2000 in questions, MRR), and the verdict (retrieval-verdict.ts).
 *
 * @example printRows("Ranking variants", variantRows(variants, { postgres: pgScores, node: nodeScores }));
 */
export function variantRows(variants: Variant[], perSet: Record<string, Map<string, SetScores>>): Row[] {
  const sets = Object.keys(perSet);
  const scoresOf = (name: string) => Object.fromEntries(sets.map((s) => [s, perSet[s]!.get(name)!]));
  return variants.map((v) => {
    const scores = scoresOf(v.name);
    const base = scoresOf(defaultName(v.mode));
    const row: Row = { variant: v.name };
    for (const [label, key] of [
      ["R@1", "r1"],
      ["R@5", "r5"],
      ["MRR", "mrr"],
      ["ev@2000", "ev2000"],
    ] as const)
      row[`mean ${label}`] = f3(meanOf(scores, sets, key));
    for (const s of sets) {
      const d = scores[s]!;
      const b = base[s]!;
      row[`${s} Δ R@5 / ev / MRR`] =
        `${signed(questionsDelta(d.r5, b.r5, b.n))} / ${signed(questionsDelta(d.ev2000, b.ev2000, b.n))} / ${signed(d.mrr - b.mrr, 3)}`;
    }
    row.verdict = v.name === defaultName(v.mode) ? "(default)" : verdict(scores, base).reason;
    return row;
  });
}
