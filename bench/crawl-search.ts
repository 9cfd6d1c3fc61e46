/**
 * Crawl rate on the sample docs site (without and with embedding), and search latency over the
 * HTTP API for 200 queries in text and hybrid mode (rate limit off). Run: npx tsx bench/crawl-search.ts
 */
import { join } from "node:path";
import { startServer } from "../api/http/server.js";
import { crawlSite } from "../api/ops/crawl-site.js";
import { openIndex } from "../api/ops/index-handle.js";
import { resolveConfig } from "../schemas/config.js";
import { SAMPLE_SITE_DIR } from "../test/helpers/sample-site.js";
import { serveSite } from "../test/helpers/serve-site.js";
import { tempDir } from "../test/helpers/temp-dir.js";
import { percentile, printTable } from "./stats.js";

const QUERIES = [
  "what happens when a job keeps failing",
  "how to run tasks at a specific time every day",
  "wait longer between failed tries",
  "throttle calls to a third-party API",
  "stop the process cleanly on SIGTERM",
  "which versions of node are supported",
  "alert when workers are falling behind",
  "verify an incoming webhook signature",
  "upgrade from 1.x done callback",
  "kubernetes kills my pods before jobs finish",
  "is delivery exactly once",
  "insert many jobs in one call",
  "computeJitteredDelay",
  "lease duration environment variable",
  "dead letter queue replay",
  "cron expression weekdays",
  "priority of settings file and env",
  "pgbouncer transaction pooling",
  "abort signal when a job times out",
  "metrics histogram buckets",
];

export async function benchCrawlSearch(): Promise<{
  crawl: Record<string, string | number>[];
  search: Record<string, string | number>[];
}> {
  const site = await serveSite(SAMPLE_SITE_DIR);
  const tmp = tempDir("agentweb-bench-");
  const crawlRows = [];
  let data = "";
  try {
    // Loopback runs with the per-host delay at 0 (the polite default, 250 ms, is the last row).
    const runs = [
      { embedder: "none", delayMs: 0 },
      { embedder: "static", delayMs: 0 },
      { embedder: "bundled", delayMs: 0 },
      { embedder: "none", delayMs: 250 },
    ] as const;
    for (const { embedder, delayMs } of runs) {
      data = join(tmp.path, `${embedder}-${delayMs}`);
      const config = resolveConfig({ flags: { data, embedder, delayMs } });
      const index = await openIndex(config, { write: true, owner: "bench" });
      const start = performance.now();
      const summary = await crawlSite(index, { url: `${site.url}/` });
      const seconds = (performance.now() - start) / 1000;
      await index.close();
      const urls = summary.pages.ok + summary.pages.skipped + summary.pages.failed;
      crawlRows.push({
        embedder,
        "delay ms": delayMs,
        pages: summary.pages.ok,
        chunks: summary.chunks,
        seconds: seconds.toFixed(2),
        "pages/s": (urls / seconds).toFixed(1),
      });
    }
    const server = await startServer(
      resolveConfig({
        flags: { data: join(tmp.path, "bundled-0"), embedder: "bundled", port: 0, rateLimitRps: 0 },
      }),
    );
    const searchRows = [];
    try {
      for (const mode of ["text", "hybrid"]) {
        const times: number[] = [];
        await fetch(`${server.url}/v1/search?q=warm+up&mode=${mode}`);
        for (let i = 0; i < 200; i++) {
          const q = QUERIES[i % QUERIES.length]!;
          const start = performance.now();
          const res = await fetch(`${server.url}/v1/search?q=${encodeURIComponent(q)}&k=10&mode=${mode}`);
          if (!res.ok) throw new Error(`search failed (${res.status}): ${await res.text()}`);
          await res.json();
          times.push(performance.now() - start);
        }
        searchRows.push({
          mode,
          queries: times.length,
          "p50 ms": percentile(times, 50).toFixed(1),
          "p95 ms": percentile(times, 95).toFixed(1),
        });
      }
    } finally {
      await server.close();
    }
    return { crawl: crawlRows, search: searchRows };
  } finally {
    await site.close();
    tmp.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { crawl, search } = await benchCrawlSearch();
  printTable("crawl of the sample docs site (HTTP, 4 concurrent requests)", crawl);
  printTable("GET /v1/search over loopback, 200 queries each", search);
}
