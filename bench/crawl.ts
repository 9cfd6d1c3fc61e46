/**
 * Crawl throughput on Debian's postgresql-doc-15 HTML (1169 DocBook pages) served on 127.0.0.1,
 * three rows from one run, all on the built code in dist/ (run `make build` first), where the
 * extraction workers run as they do for a user:
 * - `agentweb crawl`: the CLI a user runs (crawl, chunk, embed, LanceDB writes, index builds) into
 *   a fresh data dir, with the default embedder, timed from outside;
 * - the crawler alone (robots.txt, fetch, extract, markdown) with the same options, in-process;
 * - a bare fetch loop over the same URLs with the same concurrency (the ceiling).
 * HTTP mode, rendering off; the per-host delay is 0 for this loopback run (a real crawl waits
 * 250 ms between requests to a host by default).
 *
 * Run: npx tsx bench/crawl.ts [--dir DIR] [--max-pages N] [--embedder static|none|bundled]
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import type * as Crawl from "../crawler/crawl.js";
import type * as ConfigSchema from "../schemas/config.js";
import { serveSite } from "../test/helpers/serve-site.js";
import { tempDir } from "../test/helpers/temp-dir.js";
import { debianDocs } from "./debian-docs.js";
import { printTable } from "./stats.js";

const { values } = parseArgs({
  options: {
    dir: { type: "string" },
    "max-pages": { type: "string", default: "2000" },
    embedder: { type: "string", default: "static" },
  },
});

// The built modules: under tsx, worker threads cannot load the TypeScript worker and extraction
// would run in the main thread, which is not what a user gets.
const dist = new URL("../dist/", import.meta.url);
const { crawl, crawlOptionsFrom } = (await import(new URL("crawler/crawl.js", dist).href)) as typeof Crawl;
const { resolveConfig } = (await import(new URL("schemas/config.js", dist).href)) as typeof ConfigSchema;
const cli = new URL("../bin/agentweb.js", import.meta.url).pathname;

const site = await serveSite(
  values.dir ?? debianDocs("postgresql-doc-15", "usr/share/doc/postgresql-doc-15/html"),
);
const tmp = tempDir("agentweb-bench-crawl-");
try {
  const startUrl = `${site.url}/index.html`;
  const config = resolveConfig({
    flags: {
      data: join(tmp.path, "data"),
      embedder: values.embedder,
      maxPages: Number(values["max-pages"]),
      maxDepth: 50,
      delayMs: 0,
      render: "never",
    },
  });
  const rate = (pages: number, ms: number) => (pages / (ms / 1000)).toFixed(1);

  const t0 = performance.now();
  // Asynchronously: the site is served from this process.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, "crawl", startUrl, "--json", "--data", config.data, "--embedder", config.embedder]
      .concat(["--max-pages", String(config.maxPages), "--max-depth", "50"])
      .concat(["--delay-ms", "0", "--render", "never"]),
    { encoding: "utf8", maxBuffer: 1 << 28 },
  );
  const summary = JSON.parse(stdout) as { pages: { ok: number }; chunks: number };
  const fullMs = performance.now() - t0;

  const urls: string[] = [];
  const counts = { page: 0, skipped: 0, failed: 0 };
  let htmlTokens = 0;
  let mdTokens = 0;
  const t1 = performance.now();
  for await (const e of crawl(crawlOptionsFrom(config, { startUrl }))) {
    counts[e.type] += 1;
    if (e.type === "page") {
      urls.push(e.page.finalUrl);
      htmlTokens += e.page.tokens.html;
      mdTokens += e.page.tokens.markdown;
    }
  }
  const crawlerMs = performance.now() - t1;

  // The ceiling: GET the same URLs and read the bodies, nothing else, same concurrency.
  const t2 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: config.concurrency }, async () => {
      while (next < urls.length) await (await fetch(urls[next++]!)).arrayBuffer();
    }),
  );
  const bareMs = performance.now() - t2;

  printTable(
    `postgresql-doc-15 on 127.0.0.1, concurrency ${config.concurrency}, ${config.extractWorkers} extraction workers, embedder ${config.embedder}, per-host delay 0`,
    [
      {
        run: "agentweb crawl (CLI: crawl, chunk, embed, store)",
        pages: summary.pages.ok,
        chunks: summary.chunks,
        seconds: (fullMs / 1000).toFixed(1),
        "pages/s": rate(summary.pages.ok, fullMs),
        "% of bare": ((100 * bareMs * summary.pages.ok) / (fullMs * urls.length)).toFixed(1),
      },
      {
        run: "crawler alone (robots, fetch, extract, markdown)",
        pages: counts.page,
        chunks: "-",
        seconds: (crawlerMs / 1000).toFixed(1),
        "pages/s": rate(counts.page, crawlerMs),
        "% of bare": ((100 * bareMs * counts.page) / (crawlerMs * urls.length)).toFixed(1),
      },
      {
        run: "bare fetch loop, same URLs",
        pages: urls.length,
        chunks: "-",
        seconds: (bareMs / 1000).toFixed(1),
        "pages/s": rate(urls.length, bareMs),
        "% of bare": "100",
      },
    ],
  );
  console.log(
    `\nhtml tokens ${htmlTokens}, markdown tokens ${mdTokens} (${((100 * mdTokens) / Math.max(1, htmlTokens)).toFixed(0)} %)`,
  );
} finally {
  await site.close();
  tmp.remove();
}
