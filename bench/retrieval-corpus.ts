/**
 * The retrieval bench's corpus: Debian's postgresql-doc-15 HTML, fetched once with apt into a cache
 * dir outside the repo, and its extracted pages cached as JSON lines (extraction is the slow part;
 * the index is rebuilt from them whenever the indexing code changes).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildPage } from "../crawler/build-page.js";
import { extractPage } from "../crawler/extract/extract-page.js";
import type { Page } from "../schemas/page.js";

/** Pages get this origin: stable across runs, so cached chunk ids and vectors stay valid. */
export const BENCH_ORIGIN = "http://127.0.0.1:8015";
export const BENCH_SITE = "127.0.0.1-8015";

/**
 * The HTML directory of postgresql-doc-15 under `cache`, downloaded and unpacked on first use.
 *
 * @example const html = postgresHtmlDir("/tmp/agentweb-bench"); // ".../usr/share/doc/postgresql-doc-15/html"
 */
export function postgresHtmlDir(cache: string): string {
  const html = join(cache, "pg", "usr/share/doc/postgresql-doc-15/html");
  if (existsSync(html)) return html;
  mkdirSync(cache, { recursive: true });
  execFileSync("apt-get", ["download", "postgresql-doc-15"], { cwd: cache, stdio: "inherit" });
  const deb = readdirSync(cache).find((f) => f.startsWith("postgresql-doc-15") && f.endsWith(".deb"));
  if (!deb) throw new Error("apt-get download postgresql-doc-15 produced no .deb");
  execFileSync("dpkg", ["-x", deb, "pg"], { cwd: cache, stdio: "inherit" });
  return html;
}

/**
 * Every page of the manual, extracted the way the crawler does (extractPage + buildPage), cached in
 * `cacheFile`. Extraction is called directly rather than through a crawl: the crawl loop is being
 * rewritten by another engineer, and a loopback crawl adds nothing to a ranking measurement.
 *
 * @example const pages = loadPages(htmlDir, "/tmp/agentweb-bench/retrieval/pages.jsonl");
 */
export function loadPages(htmlDir: string, cacheFile: string): Page[] {
  if (existsSync(cacheFile)) {
    return readFileSync(cacheFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Page);
  }
  const files = readdirSync(htmlDir)
    .filter((f) => f.endsWith(".html"))
    .sort();
  const pages = files.map((file) => {
    const html = readFileSync(join(htmlDir, file), "utf8");
    const url = `${BENCH_ORIGIN}/${file}`;
    const page = buildPage({
      url,
      finalUrl: url,
      site: BENCH_SITE,
      html,
      extracted: extractPage(html, url),
      fetchedVia: "http",
      headers: {},
    });
    return { ...page, fetchedAt: "2026-01-01T00:00:00.000Z" };
  });
  writeFileSync(cacheFile, `${pages.map((p) => JSON.stringify(p)).join("\n")}\n`);
  return pages;
}
