/**
 * A QA set's corpus: the Debian package's HTML (fetched once by debian-docs.ts), its pages extracted
 * the way a crawl extracts them (the extraction worker pool, then buildPage), cached as JSON lines
 * under a key of the extraction code and the package, so an extractor edit extracts again.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { buildPage } from "../crawler/build-page.js";
import { createExtractPool, type ExtractPool } from "../crawler/extract-pool/extract-pool.js";
import type { Page } from "../schemas/page.js";
import { debianDocs, debianDocsDeb } from "./debian-docs.js";
import { cacheKey } from "./retrieval-cache-key.js";
import { BENCH_ORIGIN, BENCH_SITE, type QaSet, type Question } from "./retrieval-sets.js";

export interface Corpus {
  set: QaSet;
  questions: Question[];
  htmlDir: string;
  /** Corpus pages, relative to `htmlDir`, sorted. */
  paths: string[];
  pages: Page[];
  /** Names the extracted pages: part of the index's cache key. */
  pagesKey: string;
  /**
   * Corpus pages that could not be extracted this run (then nothing is cached, and the index is
   * built without them: the run says so, and the next one tries again).
   */
  failed: string[];
}

/**
 * The set's questions and extracted corpus, or why it cannot be had (the package could not be
 * downloaded or holds no corpus page): a reason to print and skip the set on, not a crash.
 *
 * @example const c = await loadCorpus(QA_SETS[0], qaDir, cacheDir, console.error);
 */
export async function loadCorpus(
  set: QaSet,
  qaDir: string,
  cache: string,
  log: (line: string) => void,
): Promise<Corpus | { skipped: string }> {
  const questionsFile = join(qaDir, set.file);
  if (!existsSync(questionsFile)) return { skipped: `${questionsFile} not found` };
  let htmlDir: string;
  try {
    htmlDir = debianDocs(set.pkg, set.htmlPath);
  } catch (err) {
    return { skipped: `cannot obtain Debian package ${set.pkg} (${firstLine(err)})` };
  }
  if (!existsSync(htmlDir)) return { skipped: `${set.pkg} has no ${set.htmlPath}` };
  const paths = htmlFiles(htmlDir).filter(set.inCorpus);
  if (paths.length === 0) return { skipped: `no HTML pages in ${htmlDir}` };
  const deb = debianDocsDeb(set.pkg) ?? "unknown";
  if (!deb.includes(`_${set.version}_`)) {
    log(`${set.name}: the set was written on ${set.pkg} ${set.version}; this run has ${deb}`);
  }
  const questions = readFileSync(questionsFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Question);
  const pagesKey = cacheKey({
    // The pool starts its worker by file name, not by an import.
    entries: ["bench/retrieval-corpus.ts", "crawler/extract-pool/extract-worker.ts"],
    files: ["package-lock.json"],
    values: [deb, BENCH_ORIGIN, paths],
  });
  const dir = join(cache, set.name);
  const { pages, failed } = await extractedPages(htmlDir, paths, dir, `pages-${pagesKey}.jsonl`, log);
  // An index of fewer pages is another index.
  const key = failed.length ? cacheKey({ entries: [], values: [pagesKey, failed] }) : pagesKey;
  return { set, questions, htmlDir, paths, pages, pagesKey: key, failed };
}

async function extractedPages(
  htmlDir: string,
  paths: string[],
  dir: string,
  fileName: string,
  log: (line: string) => void,
): Promise<{ pages: Page[]; failed: string[] }> {
  const file = join(dir, fileName);
  if (existsSync(file)) {
    const pages = readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Page);
    return { pages, failed: [] };
  }
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  // A large reference page takes seconds on a loaded machine; the crawl's 30 s budget would drop
  // pages the index needs. Each worker has a pool of its own and one caller: a pool hands the same
  // idle worker to callers that ask in the same tick, and recycling that worker fails their pages.
  const pools = [0, 1].map(() =>
    createExtractPool({ size: 1, timeoutMs: 300_000, onFallback: (why) => log(`in-thread: ${why}`) }),
  );
  const pages: (Page | undefined)[] = new Array(paths.length);
  const failed: string[] = [];
  let next = 0;
  let done = 0;
  const work = async (pool: ExtractPool) => {
    for (let i = next++; i < paths.length; i = next++) {
      const html = readFileSync(join(htmlDir, paths[i]!), "utf8");
      const url = `${BENCH_ORIGIN}/${paths[i]}`;
      try {
        const { extracted, tokens } = await pool.extract(html, url);
        const page = buildPage({
          url,
          finalUrl: url,
          site: BENCH_SITE,
          html,
          extracted,
          fetchedVia: "http",
          headers: {},
          tokens,
        });
        pages[i] = { ...page, fetchedAt: "2026-01-01T00:00:00.000Z" };
      } catch (err) {
        failed.push(paths[i]!);
        log(`${paths[i]}: not extracted (${firstLine(err)})`);
      }
      if (++done % 200 === 0) log(`${done}/${paths.length} pages extracted`);
    }
  };
  try {
    await Promise.all(pools.map(work));
  } finally {
    const where = pools.map((p) => p.mode).join("/");
    log(`${paths.length} pages extracted (${where}) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    await Promise.all(pools.map((p) => p.close()));
  }
  const kept = pages.filter((p): p is Page => p !== undefined);
  if (failed.length) return { pages: kept, failed };
  // Older extractions of this set are dead weight once the extractor changed.
  for (const old of readdirSync(dir).filter((f) => f.startsWith("pages-") && f !== fileName)) {
    rmSync(join(dir, old), { force: true });
  }
  writeFileSync(file, `${kept.map((p) => JSON.stringify(p)).join("\n")}\n`);
  return { pages: kept, failed };
}

/** Every `*.html` under `dir`, relative to it, sorted. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0]!;
}
