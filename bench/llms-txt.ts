/**
 * llms.txt: the validator over every real file in ../shared/bench-data/llms-txt/, then crawl →
 * publish → host of the real 5e-bits Docusaurus site (served on 127.0.0.1), compared with the
 * llms.txt and llms-full.txt the site publishes itself. Nothing leaves 127.0.0.1: link checks run
 * only against our own hosted files. Run: npx tsx bench/llms-txt.ts [BENCH_DATA_DIR]
 */
import "../api/runtime-env.js";
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { registerHostingRoutes } from "../api/http/hosting-routes.js";
import { crawlSite } from "../api/ops/crawl-site.js";
import { openIndex } from "../api/ops/index-handle.js";
import { publishSite } from "../api/ops/publish-site.js";
import { parseLlmsTxt } from "../crawler/llms-txt/parse.js";
import { validateLlmsTxt } from "../crawler/llms-txt/validate.js";
import { resolveConfig } from "../schemas/config.js";
import type { LlmsTxt, LlmsTxtReport } from "../schemas/llms-txt.js";
import { countTokens } from "../schemas/tokens.js";
import { tempDir } from "../test/helpers/temp-dir.js";
import { servePages } from "./pages-server.js";
import { printTable } from "./stats.js";

const BENCH_DATA = process.argv[2] ?? join(import.meta.dirname, "..", "..", "shared", "bench-data");
const FETCH = { timeoutMs: 10_000, maxBytes: 50_000_000, userAgent: "agentweb-bench" };

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}

const topCodes = (report: LlmsTxtReport, severity: string, n = 4) => {
  const counts = new Map<string, number>();
  for (const f of report.findings)
    if (f.severity === severity) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return (
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([c, k]) => `${c}×${k}`)
      .join(" ") || "-"
  );
};

/** Part 1: the validator over every real file (offline: their links point at the internet). */
async function validateCorpus(): Promise<void> {
  const dir = join(BENCH_DATA, "llms-txt");
  const rows = [];
  for (const path of files(dir).filter((p) => !p.endsWith("SOURCES.txt"))) {
    const started = performance.now();
    const report = await validateLlmsTxt(readFileSync(path), { source: path, fetch: FETCH });
    rows.push({
      file: relative(dir, path),
      level: report.level,
      "tokens core/all": `${report.tokens.core}/${report.tokens.withOptional}`,
      sections: report.sections,
      links: report.links,
      "err/warn/info": `${report.counts.error}/${report.counts.warning}/${report.counts.info}`,
      ms: Math.round(performance.now() - started),
      "top errors": topCodes(report, "error", 3),
      "top warnings": topCodes(report, "warning", 3),
    });
  }
  printTable(
    `validator over ${rows.length} real files in ${dir} (offline; level 4 needs --check-links)`,
    rows,
  );
}

/** Descriptions an agent cannot use: markup fragments, cut off, the title again, or none. */
function descriptionQuality(doc: LlmsTxt): string {
  const norm = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  const kinds = { clean: 0, markup: 0, "cut off": 0, "= title": 0, none: 0 };
  for (const l of doc.sections.flatMap((s) => s.links)) {
    const notes = l.notes ?? "";
    if (!notes) kinds.none++;
    else if (/<[A-Za-z]|=\{|\{\[/.test(notes)) kinds.markup++;
    else if (/(\.\.\.|…|[,:;])$/.test(notes)) kinds["cut off"]++;
    else if (norm(notes) === norm(l.title)) kinds["= title"]++;
    else kinds.clean++;
  }
  return Object.entries(kinds)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
}

/** "/docs/tutorials/x.md" and our "/tutorials/x.html.md" name the same page. */
const pageOf = (url: string, prefix: string) =>
  new URL(url).pathname
    .replace(prefix, "/")
    .replace(/(\/index)?\.html\.md$|\.md$|\.html$/, "")
    .replace(/\/$/, "") || "/";

/** Part 2: crawl, publish and host 5e-bits; compare with their own files. */
async function fiveEBits(): Promise<void> {
  const siteDir = join(BENCH_DATA, "sites", "5e-bits-docs");
  const theirsText = readFileSync(join(siteDir, "llms.txt"), "utf8");
  const theirFull = readFileSync(join(siteDir, "llms-full.txt"), "utf8");
  const theirs = parseLlmsTxt(theirsText).llmsTxt;
  // Served as on GitHub Pages (under /docs/, extensionless links): its links only resolve there.
  const site = await servePages(siteDir, "/docs/");
  const tmp = tempDir("agentweb-bench-llms-");
  const config = resolveConfig({ flags: { data: join(tmp.path, "data"), embedder: "none", port: 0 } });
  try {
    const index = await openIndex(config, { write: true, owner: "bench" });
    let started = performance.now();
    const crawl = await crawlSite(index, { url: `${site.url}/docs/` });
    const crawlS = (performance.now() - started) / 1000;
    const linkedOnly = crawl.pages.ok;
    // The crawler follows links only (reading sitemaps is the frontier's issue): pages linked from
    // nowhere (here /docs/graphql) are added from the sitemap, one single-page crawl each.
    started = performance.now();
    const stored = await index.store.pageHashes(crawl.site);
    const sitemapLocs = readFileSync(join(siteDir, "sitemap.xml"), "utf8").match(/<loc>[^<]+<\/loc>/g) ?? [];
    const local = sitemapLocs.map((l) => l.slice(5, -6).replace("https://5e-bits.github.io", site.url));
    const toppedUp: string[] = [];
    // Only URLs the crawl never met: one it skipped on purpose (a duplicate, noindex) stays skipped.
    const met = new Set([...crawl.skipped.map((x) => x.url), ...crawl.problems.map((x) => x.url)]);
    for (const s of crawl.skipped) console.log(`  crawl skipped ${new URL(s.url).pathname}: ${s.reason}`);
    for (const url of local.filter((u) => !stored.has(u) && !met.has(u))) {
      const one = await crawlSite(
        { ...index, config: { ...index.config, maxPages: 1, maxDepth: 0 } },
        { url },
      );
      if (one.pages.ok) toppedUp.push(new URL(url).pathname);
    }
    const topUpS = (performance.now() - started) / 1000;
    await index.close();

    // Only the hosting routes, on a bare app: what is measured here is publishing, not the API.
    const hostIndex = await openIndex(config, { write: false, owner: "bench" });
    const app = new Hono();
    registerHostingRoutes(app, { index: hostIndex });
    const listener = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => listener.once("listening", r));
    const server = {
      url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}`,
      close: async () => {
        await new Promise((r) => listener.close(r));
        await hostIndex.close();
      },
    };
    try {
      const hostedUrl = `${server.url}/sites/${crawl.site}/llms.txt`;
      const oursText = await (await fetch(hostedUrl)).text();
      const ours = parseLlmsTxt(oursText).llmsTxt;
      const oursFull = await (await fetch(`${server.url}/sites/${crawl.site}/llms-full.txt`)).text();
      const reader = await openIndex(config, { write: false, owner: "bench" });
      started = performance.now();
      const { publication } = await publishSite(reader, {
        site: crawl.site,
        outDir: join(tmp.path, "public"),
      });
      const publishMs = performance.now() - started;
      await reader.close();

      const ourLinks = ours.sections.flatMap((s) => s.links);
      let resolved = 0;
      for (const link of ourLinks) {
        const res = await fetch(link.url);
        if (res.ok && res.headers.get("content-type")?.startsWith("text/markdown")) resolved++;
        await res.arrayBuffer();
      }
      const ourPages = new Set(ourLinks.map((l) => pageOf(l.url, `/sites/${crawl.site}/docs/`)));
      const theirPages = theirs.sections.flatMap((s) => s.links.map((l) => pageOf(l.url, "/docs/")));
      const missing = theirPages.filter((p) => !ourPages.has(p));
      const ourCore = ours.sections.filter((s) => !s.optional).flatMap((s) => s.links).length;

      printTable("5e-bits docs: crawl + publish", [
        {
          step: "crawl (HTTP, no embedder)",
          pages: linkedOnly,
          skipped: crawl.pages.skipped,
          failed: crawl.pages.failed,
          seconds: crawlS.toFixed(1),
        },
        {
          step: `sitemap top-up (${toppedUp.join(", ") || "none"})`,
          pages: toppedUp.length,
          skipped: 0,
          failed: 0,
          seconds: topUpS.toFixed(1),
        },
        {
          step: "publish (from the index)",
          pages: publication.stats.listed,
          skipped: publication.stats.pages - publication.stats.listed,
          failed: 0,
          seconds: (publishMs / 1000).toFixed(2),
        },
      ]);
      printTable("5e-bits docs: their llms.txt vs ours", [
        {
          file: "theirs",
          "pages listed": theirPages.length,
          "core/optional": `${theirPages.length}/0`,
          "llms.txt tokens": countTokens(theirsText),
          "llms-full tokens": countTokens(theirFull),
          sections: theirs.sections.map((s) => s.name).join(", "),
          descriptions: descriptionQuality(theirs),
        },
        {
          file: "ours",
          "pages listed": ourLinks.length,
          "core/optional": `${ourCore}/${ourLinks.length - ourCore}`,
          "llms.txt tokens": countTokens(oursText),
          "llms-full tokens": countTokens(oursFull),
          sections: ours.sections.map((s) => `${s.name} (${s.links.length})`).join(", "),
          descriptions: descriptionQuality(ours),
        },
      ]);
      console.log(
        `\ntheir pages missing from ours, by path: ${missing.length ? missing.join(", ") : "none"} (${theirPages.length - missing.length}/${theirPages.length} listed)`,
      );
      for (const path of missing) {
        // The crawler keeps the first of two identical pages: say where the content went.
        const skip = crawl.skipped.find((x) => pageOf(x.url, "/docs/") === path);
        const copy = skip && /same content as (\S+)/.exec(skip.reason)?.[1];
        const listed = copy && ourPages.has(pageOf(copy, "/docs/"));
        const where = copy
          ? `skipped by the crawl as a duplicate of ${pageOf(copy, "/docs/")} (${listed ? "listed by ours" : "not listed"})`
          : "not crawled";
        console.log(`  ${path}: ${where}`);
      }
      console.log(`our links resolving to a served text/markdown twin: ${resolved}/${ourLinks.length}`);

      const theirReport = await validateLlmsTxt(theirsText, {
        source: "theirs",
        sitemapUrl: `${site.url}/docs/sitemap.xml`,
        fetch: FETCH,
      });
      const ourReport = await validateLlmsTxt(oursText, {
        source: hostedUrl,
        fileUrl: hostedUrl,
        checkLinks: true,
        fetch: FETCH,
      });
      const sitemapPaths = readFileSync(join(siteDir, "sitemap.xml"), "utf8")
        .match(/<loc>[^<]+<\/loc>/g)!
        .map((l) => pageOf(l.slice(5, -6), "/docs/"));
      const ourCoverage = sitemapPaths.filter((p) => ourPages.has(p)).length;
      printTable("5e-bits docs: validator on both files", [
        {
          file: "theirs",
          level: theirReport.level,
          "err/warn/info": `${theirReport.counts.error}/${theirReport.counts.warning}/${theirReport.counts.info}`,
          "sitemap URLs listed": `${theirReport.sitemap?.covered}/${theirReport.sitemap?.urls}`,
          note: "links point at github.io: not fetched (offline)",
        },
        {
          file: "ours",
          level: ourReport.level,
          "err/warn/info": `${ourReport.counts.error}/${ourReport.counts.warning}/${ourReport.counts.info}`,
          "sitemap URLs listed": `${ourCoverage}/${sitemapPaths.length}`,
          note: `--check-links: ${ourReport.linkCheck?.markdown}/${ourReport.linkCheck?.checked} markdown`,
        },
      ]);
      for (const f of [...theirReport.findings, ...ourReport.findings].filter((f) => f.severity !== "info"))
        console.log(`  ${f.code} line ${f.line}: ${f.message}`);
      console.log("\nours, first three links of each section:");
      console.log(`# ${ours.title}\n> ${ours.summary}`);
      for (const s of ours.sections) {
        console.log(`## ${s.name} (${s.links.length})`);
        for (const l of s.links.slice(0, 3))
          console.log(`- [${l.title}](…${new URL(l.url).pathname.split("/docs/")[1]}): ${l.notes ?? ""}`);
      }
    } finally {
      await server.close();
    }
  } finally {
    await site.close();
    tmp.remove();
  }
}

await validateCorpus();
await fiveEBits();
process.exit(0);
