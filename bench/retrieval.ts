/**
 * Retrieval quality on every QA set in ../shared/bench-data/retrieval/ (PostgreSQL 15, Node.js 18,
 * Python 3.11; retrieval-sets.ts), each on its own index of its own corpus: page-level R@1, R@5 and
 * MRR through the ops layer (what `/v1/search` runs), the share of questions whose evidence sentence
 * is in the context pack at 1,000/2,000/4,000 tokens (what `/v1/context` runs), p50/p95 search
 * latency, beside the plain BM25 baseline; per set, then the mean over the sets.
 * `--variants` measures the ranking variants instead: each as the mean over the sets, its change on
 * each set, and whether the keep rule (retrieval-verdict.ts) passes.
 *
 * Run: npx tsx bench/retrieval.ts [--embedder static|bundled|none] [--modes text,hybrid]
 *      [--sets postgres,node,python] [--variants [--only NAME,...]] [--markdown] [--cache DIR]
 *      [--qa-dir DIR]
 * `--only` keeps the variants whose name contains one of the given strings (each mode's default
 * row is always measured: the others are judged against it).
 * Packages come from `apt-get download` (a set whose package cannot be had is skipped and said so);
 * extracted pages, vectors and indexes are cached under --cache (default
 * $TMPDIR/agentweb-bench/retrieval), keyed by the code that builds them.
 */
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openIndex } from "../api/ops/index-handle.js";
import { createBundledEmbedder } from "../indexer/embed/bundled-embedder.js";
import { createStaticEmbedder } from "../indexer/embed/static-embedder.js";
import { resolveConfig } from "../schemas/config.js";
import { SearchMode } from "../schemas/search.js";
import { sourceState } from "./retrieval-cache-key.js";
import { type Corpus, loadCorpus } from "./retrieval-corpus.js";
import { benchIndex, vectorCacheFile } from "./retrieval-index.js";
import { measureBaseline, measureMode, type RunScores } from "./retrieval-measure.js";
import { meanRuns, printRows, runRow } from "./retrieval-report.js";
import { QA_SETS } from "./retrieval-sets.js";
import { defaultName, measureVariants, rankingVariants, variantRows } from "./retrieval-variants.js";
import type { SetScores } from "./retrieval-verdict.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    embedder: { type: "string", default: "static" },
    modes: { type: "string", default: "text,hybrid" },
    sets: { type: "string", default: QA_SETS.map((s) => s.name).join(",") },
    variants: { type: "boolean", default: false },
    only: { type: "string", default: "" },
    markdown: { type: "boolean", default: false },
    cache: { type: "string", default: join(tmpdir(), "agentweb-bench", "retrieval") },
    "qa-dir": { type: "string", default: join(root, "..", "shared", "bench-data", "retrieval") },
  },
});
const log = (line: string) => console.error(line);
const fail = (line: string): never => {
  console.error(line);
  process.exit(2);
};

const embedderName = values.embedder!;
const embedders: Record<
  string,
  (() => Promise<import("../indexer/embed/embedder.js").Embedder>) | undefined
> = {
  static: async () => createStaticEmbedder(),
  bundled: () => createBundledEmbedder({ workers: 2 }),
  none: undefined,
};
if (!(embedderName in embedders)) fail(`--embedder must be static, bundled or none, not ${embedderName}`);
const modes = values.modes!.split(",").filter(Boolean);
for (const m of modes) if (!SearchMode.safeParse(m).success) fail(`--modes: unknown search mode ${m}`);
if (embedderName === "none" && modes.some((m) => m !== "text"))
  fail("--embedder none allows --modes text only");
const sets = values.sets!.split(",").filter(Boolean);
const unknown = sets.filter((s) => !QA_SETS.some((q) => q.name === s));
if (unknown.length)
  fail(`--sets: unknown set ${unknown.join(", ")} (known: ${QA_SETS.map((s) => s.name).join(", ")})`);

const cache = values.cache!;
mkdirSync(cache, { recursive: true });
const make = embedders[embedderName];
const embedding = make && { make, vectors: vectorCacheFile(cache, embedderName) };
const searchModes = modes as SearchMode[];
// --only a,b: the variants whose name contains one of these, beside each mode's default row.
const wanted = values.only!.split(",").filter(Boolean);
const variantList = rankingVariants(searchModes).filter(
  (v) => !wanted.length || v.name === defaultName(v.mode) || wanted.some((w) => v.name.includes(w)),
);

const measured: { corpus: Corpus; runs: RunScores[]; variants?: Map<string, SetScores> }[] = [];
const skipped: string[] = [];
const incomplete: string[] = [];
for (const set of QA_SETS.filter((s) => sets.includes(s.name))) {
  const t0 = performance.now();
  const corpus = await loadCorpus(set, values["qa-dir"]!, cache, (l) => log(`${set.name}: ${l}`));
  if ("skipped" in corpus) {
    log(`${set.name}: SKIPPED: ${corpus.skipped}`);
    skipped.push(`${set.name} (${corpus.skipped})`);
    continue;
  }
  log(`${set.name}: ${corpus.pages.length} pages, ${corpus.questions.length} questions`);
  if (corpus.failed.length) {
    incomplete.push(`${set.name}: ${corpus.failed.length} pages not extracted (${corpus.failed.join(", ")})`);
  }
  const data = await benchIndex({
    dir: join(cache, set.name),
    pagesKey: corpus.pagesKey,
    pages: corpus.pages,
    embedder: embedderName,
    embedding,
    log: (l) => log(`${set.name}: ${l}`),
  });
  const config = resolveConfig({ flags: { data, embedder: embedderName } });
  const index = await openIndex(config, { write: false, owner: "bench" });
  try {
    if (values.variants) {
      const variants = await measureVariants(index, corpus, variantList, log);
      measured.push({ corpus, runs: [], variants });
    } else {
      const runs = [measureBaseline(corpus)];
      for (const mode of searchModes) runs.push(await measureMode(index, corpus, mode));
      measured.push({ corpus, runs });
    }
  } finally {
    await index.close();
  }
  log(`${set.name}: done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

const md = values.markdown!;
const label = `embedder ${embedderName}, modes ${modes.join("/")}`;
if (values.variants) {
  const perSet = Object.fromEntries(measured.map((m) => [m.corpus.set.name, m.variants!]));
  printRows(
    `Ranking variants, mean over ${measured.map((m) => m.corpus.set.name).join(", ")} (${label}); Δ against the mode's default, R@5 and evidence@2000 in questions`,
    variantRows(variantList, perSet),
    md,
  );
} else {
  for (const { corpus, runs } of measured) {
    printRows(
      `${corpus.set.name}: ${corpus.questions.length} questions, ${corpus.pages.length} pages (${label})`,
      runs.map(runRow),
      md,
    );
  }
  if (measured.length > 1) {
    const names = measured.map((m) => m.corpus.set.name).join(", ");
    printRows(
      `Mean over ${measured.length} sets (${names}); latency pooled over all questions`,
      meanRuns(measured.map((m) => m.runs)).map(runRow),
      md,
    );
  }
}
const { commit, dirty } = sourceState(["bench/retrieval.ts", "crawler/extract-pool/extract-worker.ts"]);
console.log(
  `\nCode: ${commit}${dirty.length ? ` with uncommitted changes to ${dirty.length} files it runs: ${dirty.join(", ")}` : ""}`,
);
if (incomplete.length) console.log(`\nIncomplete corpus, figures not comparable: ${incomplete.join("; ")}`);
if (skipped.length) console.log(`\nSkipped: ${skipped.join("; ")}`);
if (measured.length === 0) process.exit(1);
