/**
 * llms.txt as published for sites made by different generators: Docusaurus (the 5e-bits site in
 * ../shared/bench-data/sites), PostgreSQL's DocBook, Python's Sphinx, Node's API docs, git's
 * AsciiDoc, an mdBook book (Debian packages, unpacked by debian-docs.ts). Each site is served on
 * 127.0.0.1, crawled once into $TMPDIR/agentweb-bench/llms-sites/KEY (reused by later runs: delete
 * it to crawl again), published through the hosting routes and validated with --check-links.
 * Prints per site: level, warnings, tokens core/with Optional, sections; for the Docusaurus site,
 * the overlap with its own llms.txt. Each llms.txt is written beside the crawl (published-llms.txt).
 * Run: npx tsx bench/llms-txt-sites.ts [BENCH_DATA_DIR] [--only KEY,KEY]
 */
import "../api/runtime-env.js";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { registerHostingRoutes } from "../api/http/hosting-routes.js";
import { crawlSite } from "../api/ops/crawl-site.js";
import { openIndex } from "../api/ops/index-handle.js";
import { resolveSite } from "../api/ops/publish-site.js";
import { parseLlmsTxt } from "../crawler/llms-txt/parse.js";
import { validateLlmsTxt } from "../crawler/llms-txt/validate.js";
import { resolveConfig } from "../schemas/config.js";
import type { LlmsTxtReport } from "../schemas/llms-txt.js";
import { debianDocs } from "./debian-docs.js";
import { servePages } from "./pages-server.js";
import { printTable } from "./stats.js";

const args = process.argv.slice(2);
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1]!.split(",") : undefined;
const BENCH_DATA = args[0] ?? join(import.meta.dirname, "..", "..", "shared", "bench-data");
const FETCH = { timeoutMs: 30_000, maxBytes: 50_000_000, userAgent: "agentweb-bench" };
const CACHE = join(tmpdir(), "agentweb-bench", "llms-sites");

interface BenchSite {
  key: string;
  generator: string;
  root: () => string;
  /** The path the site is served under, and the crawl's start path. */
  base: string;
  start: string;
  /** The site's own llms.txt, to compare with. */
  theirs?: string;
}

const SITES: BenchSite[] = [
  {
    key: "5e-bits",
    generator: "Docusaurus",
    root: () => join(BENCH_DATA, "sites", "5e-bits-docs"),
    base: "/docs/",
    start: "/docs/",
    theirs: join(BENCH_DATA, "sites", "5e-bits-docs", "llms.txt"),
  },
  {
    key: "postgres",
    generator: "DocBook",
    root: () => debianDocs("postgresql-doc-15", "usr/share/doc/postgresql-doc-15/html"),
    base: "/",
    start: "/index.html",
  },
  {
    key: "python",
    generator: "Sphinx",
    root: () => debianDocs("python3.11-doc", "usr/share/doc/python3.11/html"),
    base: "/",
    start: "/index.html",
  },
  {
    key: "node",
    generator: "Node API docs",
    root: () => debianDocs("nodejs-doc", "usr/share/doc/nodejs/api"),
    base: "/",
    start: "/index.html",
  },
  {
    key: "git",
    generator: "AsciiDoc",
    root: () => debianDocs("git-doc", "usr/share/doc/git-doc"),
    base: "/",
    start: "/git.html",
  },
  {
    key: "rust-book",
    generator: "mdBook",
    root: () => mdBookRoot(),
    base: "/",
    start: "/index.html",
  },
];

/** The Rust book from Debian's rust-doc: only the book is unpacked (the package is 500 MB). */
function mdBookRoot(): string {
  const dir = join(tmpdir(), "agentweb-bench", "rust-doc", "usr/share/doc/rust-doc/html/book");
  if (!existsSync(dir))
    throw new Error(
      `unpack the book first: cd ${join(tmpdir(), "agentweb-bench")} && apt-get download rust-doc && mkdir -p rust-doc && dpkg-deb --fsys-tarfile rust-doc_*.deb | tar -x -C rust-doc --wildcards './usr/share/doc/rust-doc/html/book/*'`,
    );
  return dir;
}

function configFor(key: string) {
  return resolveConfig({
    flags: { data: join(CACHE, key, "data"), embedder: "none", port: 0, maxPages: 3000, maxDepth: 60 },
  });
}

/** Crawls the site once; later runs publish from the stored pages. */
async function crawlOnce(site: BenchSite): Promise<number> {
  const config = configFor(site.key);
  if (existsSync(join(config.data, "crawls"))) return 0;
  const served = await servePages(site.root(), site.base);
  const started = performance.now();
  try {
    const index = await openIndex(config, { write: true, owner: "bench" });
    try {
      await crawlSite(index, { url: `${served.url}${site.start}` });
    } finally {
      await index.close();
    }
  } finally {
    await served.close();
  }
  return (performance.now() - started) / 1000;
}

const warningCodes = (report: LlmsTxtReport) => {
  const counts = new Map<string, number>();
  for (const f of report.findings)
    if (f.severity !== "info" || f.code === "notes-truncated" || f.code === "no-summary")
      counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts].map(([c, n]) => `${c}×${n}`).join(" ") || "-";
};

/** A page's path without the serving prefix and extension: "/docs/faq.md" and "/sites/x/docs/faq.html.md" agree. */
const pageOf = (url: string, prefix: string) =>
  new URL(url).pathname
    .replace(prefix, "/")
    .replace(/(\/index)?\.html\.md$|\.md$|\.html$/, "")
    .replace(/\/$/, "") || "/";

/** Their pages in ours, and the share of pairs of common pages both files list in the same order. */
function overlap(theirsText: string, oursText: string, ourPrefix: string): string {
  const theirs = parseLlmsTxt(theirsText).llmsTxt;
  const ours = parseLlmsTxt(oursText).llmsTxt;
  const theirPages = theirs.sections.flatMap((s) => s.links.map((l) => pageOf(l.url, "/docs/")));
  const ourPages = ours.sections.flatMap((s) => s.links.map((l) => pageOf(l.url, ourPrefix)));
  const ourCore = ours.sections
    .filter((s) => !s.optional)
    .flatMap((s) => s.links.map((l) => pageOf(l.url, ourPrefix)));
  const common = theirPages.filter((p) => ourPages.includes(p));
  let agree = 0;
  let pairs = 0;
  for (let i = 0; i < common.length; i++)
    for (let j = i + 1; j < common.length; j++) {
      pairs++;
      if (ourPages.indexOf(common[i]!) < ourPages.indexOf(common[j]!)) agree++;
    }
  const inCore = theirPages.filter((p) => ourCore.includes(p)).length;
  return `${common.length}/${theirPages.length} of theirs listed (${inCore} in our core); order agreement ${pairs ? Math.round((agree / pairs) * 100) : 0}% of ${pairs} pairs`;
}

async function publishAndValidate(site: BenchSite) {
  const config = configFor(site.key);
  const index = await openIndex(config, { write: false, owner: "bench" });
  const app = new Hono();
  registerHostingRoutes(app, { index });
  const listener = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => listener.once("listening", r));
  const origin = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  try {
    const id = resolveSite(index, undefined);
    const pages = (await index.store.listPages(id)).length;
    const hostedUrl = `${origin}/sites/${id}/llms.txt`;
    const started = performance.now();
    const text = await (await fetch(hostedUrl)).text();
    const publishS = (performance.now() - started) / 1000;
    writeFileSync(join(CACHE, site.key, "published-llms.txt"), text);
    const report = await validateLlmsTxt(text, {
      source: hostedUrl,
      fileUrl: hostedUrl,
      checkLinks: true,
      fetch: FETCH,
    });
    const doc = report.llmsTxt;
    const core = doc.sections.filter((s) => !s.optional);
    return {
      row: {
        site: `${site.key} (${site.generator})`,
        pages,
        level: report.level,
        "warnings (+ no-summary, notes-truncated)": warningCodes(report),
        "tokens core/all": `${report.tokens.core}/${report.tokens.withOptional}`,
        "links core/all": `${core.flatMap((s) => s.links).length}/${report.links}`,
        sections: `${core.length}${doc.sections.length > core.length ? " + Optional" : ""}`,
        "publish s": publishS.toFixed(1),
      },
      text,
      names: doc.sections.map((s) => `${s.name} (${s.links.length})`).join(", "),
      overlap: site.theirs ? overlap(readFileSync(site.theirs, "utf8"), text, `/sites/${id}/docs/`) : "",
    };
  } finally {
    await new Promise((r) => listener.close(r));
    await index.close();
  }
}

const rows = [];
const details: string[] = [];
for (const site of SITES.filter((s) => !only || only.includes(s.key))) {
  const crawlS = await crawlOnce(site);
  if (crawlS) console.log(`crawled ${site.key} in ${crawlS.toFixed(0)} s`);
  const result = await publishAndValidate(site);
  rows.push(result.row);
  details.push(`\n== ${site.key}: sections ${result.names}`);
  if (result.overlap) details.push(`   vs their own llms.txt: ${result.overlap}`);
  details.push(
    ...result.text
      .split("\n")
      .slice(0, 15)
      .map((l) => `   ${l}`),
  );
}
printTable("published llms.txt per generator (validated with --check-links against the hosted files)", rows);
console.log(details.join("\n"));
process.exit(0);
