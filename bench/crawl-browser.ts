/**
 * Browser-mode crawl rate: the first 100 pages of Debian's python3.11-doc (Sphinx, heavy chrome)
 * served on 127.0.0.1, every page rendered in Debian's Chromium (`render: "always"`), next to the
 * same crawl over plain HTTP. Per-host delay 0 (loopback).
 *
 * Run: npx tsx bench/crawl-browser.ts [--dir DIR] [--max-pages N] [--render never,always]
 *        [--concurrency N] [--guard]
 * `--guard` crawls under the egress guard (allowing 127.0.0.0/8), as HTTP and MCP crawls do: every
 * browser request is then fetched through the guard. Without --dir it runs
 * `apt-get download python3.11-doc && dpkg -x` into $TMPDIR/agentweb-bench.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { crawl, crawlOptionsFrom, type RenderMode } from "../crawler/crawl.js";
import { Config } from "../schemas/config.js";
import { serveSite } from "../test/helpers/serve-site.js";
import { printTable } from "./stats.js";

const { values } = parseArgs({
  options: {
    dir: { type: "string" },
    "max-pages": { type: "string" },
    pages: { type: "string" },
    render: { type: "string", default: "never,always" },
    concurrency: { type: "string", default: "2" },
    guard: { type: "boolean", default: false },
  },
});
const pages = Number(values["max-pages"] ?? values.pages ?? 100);
const concurrency = Number(values.concurrency);
const modes = values.render.split(",") as RenderMode[];

function pythonDocs(): string {
  if (values.dir) return values.dir;
  const cache = join(tmpdir(), "agentweb-bench");
  const html = join(cache, "py", "usr/share/doc/python3.11/html");
  if (existsSync(html)) return html;
  mkdirSync(cache, { recursive: true });
  execFileSync("apt-get", ["download", "python3.11-doc"], { cwd: cache, stdio: "inherit" });
  const deb = readdirSync(cache).find((f) => f.startsWith("python3.11-doc") && f.endsWith(".deb"));
  if (!deb) throw new Error("apt-get download python3.11-doc produced no .deb");
  execFileSync("dpkg", ["-x", deb, "py"], { cwd: cache, stdio: "inherit" });
  return html;
}

async function run(url: string, render: RenderMode) {
  const counts = { page: 0, skipped: 0, failed: 0 };
  const via = new Map<string, number>();
  const failures: string[] = [];
  const t0 = performance.now();
  for await (const e of crawl(
    crawlOptionsFrom(Config.parse({}), {
      startUrl: url,
      maxPages: pages,
      maxDepth: 50,
      include: [],
      exclude: [],
      concurrency,
      requestTimeoutMs: 30_000,
      maxBodyBytes: 10 * 1024 * 1024,
      userAgent: "agentweb-bench/0.1",
      delayMs: 0,
      render,
      extractWorkers: 1,
      markdownTwins: false,
      ...(values.guard ? { egress: { allowCidrs: ["127.0.0.0/8"] } } : {}),
    }),
  )) {
    counts[e.type] += 1;
    if (e.type === "page") via.set(e.page.fetchedVia, (via.get(e.page.fetchedVia) ?? 0) + 1);
    if (e.type === "failed") failures.push(`${render} ${e.url}: ${e.code} ${e.message.split("\n")[0]}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  for (const f of failures) console.error(`failed: ${f}`);
  return {
    render,
    ...counts,
    seconds: seconds.toFixed(1),
    "pages/s": (counts.page / seconds).toFixed(2),
    via: [...via].map(([k, n]) => `${k}:${n}`).join(" "),
  };
}

const site = await serveSite(pythonDocs());
try {
  const url = `${site.url}/index.html`;
  const rows = [];
  for (const mode of modes) rows.push(await run(url, mode));
  const guarded = values.guard ? ", egress guard on" : "";
  printTable(
    `python3.11-doc, first ${pages} pages on 127.0.0.1, concurrency ${concurrency}${guarded}, per-host delay 0 (loopback)`,
    rows,
  );
} finally {
  await site.close();
}
