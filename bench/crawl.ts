/**
 * Crawl throughput on Debian's postgresql-doc-15 HTML (1169 DocBook pages) served on 127.0.0.1:
 * the full crawl (robots.txt, fetch, extract, markdown; HTTP mode, rendering off) against a bare
 * fetch loop over the same URLs with the same concurrency (the ceiling). The per-host delay is set
 * to 0 for this loopback run: a real crawl waits 250 ms between requests to a host by default.
 *
 * Run: npx tsx bench/crawl.ts [--dir DIR] [--concurrency N] [--extract-workers N] [--max-pages N]
 * Without --dir it runs `apt-get download postgresql-doc-15 && dpkg -x` into $TMPDIR/agentweb-bench.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { crawl } from "../crawler/crawl.js";
import { serveSite } from "../test/helpers/serve-site.js";
import { printTable } from "./stats.js";

const { values } = parseArgs({
  options: {
    dir: { type: "string" },
    concurrency: { type: "string", default: "4" },
    "extract-workers": { type: "string", default: "2" },
    "max-pages": { type: "string", default: "2000" },
  },
});
const concurrency = Number(values.concurrency);
const maxPages = Number(values["max-pages"]);
const extractWorkers = Number(values["extract-workers"]);

function postgresDocs(): string {
  if (values.dir) return values.dir;
  const cache = join(tmpdir(), "agentweb-bench");
  const html = join(cache, "pg", "usr/share/doc/postgresql-doc-15/html");
  if (existsSync(html)) return html;
  mkdirSync(cache, { recursive: true });
  execFileSync("apt-get", ["download", "postgresql-doc-15"], { cwd: cache, stdio: "inherit" });
  const deb = readdirSync(cache).find((f) => f.startsWith("postgresql-doc-15") && f.endsWith(".deb"));
  if (!deb) throw new Error("apt-get download postgresql-doc-15 produced no .deb");
  execFileSync("dpkg", ["-x", deb, "pg"], { cwd: cache, stdio: "inherit" });
  return html;
}

const site = await serveSite(postgresDocs());
try {
  const startUrl = `${site.url}/index.html`;
  const urls: string[] = [];
  const counts = { page: 0, skipped: 0, failed: 0 };
  let htmlTokens = 0;
  let mdTokens = 0;
  const memBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  for await (const e of crawl({
    startUrl,
    maxPages,
    maxDepth: 50,
    include: [],
    exclude: [],
    concurrency,
    requestTimeoutMs: 30_000,
    maxBodyBytes: 10 * 1024 * 1024,
    userAgent: "agentweb-bench/0.1",
    delayMs: 0,
    render: "never",
    extractWorkers,
  })) {
    counts[e.type] += 1;
    if (e.type === "page") {
      urls.push(e.page.finalUrl);
      htmlTokens += e.page.tokens.html;
      mdTokens += e.page.tokens.markdown;
    }
  }
  const crawlMs = performance.now() - t0;
  const rssMb = Math.round((process.memoryUsage().rss - memBefore) / 1e6);

  // The ceiling: GET the same URLs and read the bodies, nothing else, same concurrency.
  const t1 = performance.now();
  let next = 0;
  let bytes = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const res = await fetch(urls[next++]!);
        bytes += (await res.arrayBuffer()).byteLength;
      }
    }),
  );
  const bareMs = performance.now() - t1;

  printTable(
    `postgresql-doc-15 on 127.0.0.1, concurrency ${concurrency}, ${extractWorkers} extraction workers, per-host delay 0 (loopback)`,
    [
      {
        run: "agentweb crawl (robots, fetch, extract, markdown)",
        pages: counts.page,
        skipped: counts.skipped,
        failed: counts.failed,
        seconds: (crawlMs / 1000).toFixed(1),
        "pages/s": (counts.page / (crawlMs / 1000)).toFixed(1),
      },
      {
        run: "bare fetch loop, same URLs",
        pages: urls.length,
        skipped: 0,
        failed: 0,
        seconds: (bareMs / 1000).toFixed(1),
        "pages/s": (urls.length / (bareMs / 1000)).toFixed(1),
      },
    ],
  );
  console.log(
    `\nhtml tokens ${htmlTokens}, markdown tokens ${mdTokens} (${((100 * mdTokens) / Math.max(1, htmlTokens)).toFixed(0)} %), ` +
      `${(bytes / 1e6).toFixed(1)} MB fetched by the bare loop, crawl RSS growth ${rssMb} MB`,
  );
} finally {
  await site.close();
}
