/**
 * Load test of the API on a ≥100,000-chunk index: GET /v1/search and GET /v1/context over loopback
 * with autocannon at 8, 32 and 64 connections; req/s, p50/p99 latency, errors, server RSS; then
 * where a search's time goes (bench/api-phases.ts). The server runs as in production
 * (dist/deploy/main.js, its own process) with the rate limit off; the index is described in
 * bench/api-corpus.ts (real docs text, deterministic vectors for this benchmark only).
 *
 * Run: npx tsx bench/api.ts [--duration 20] [--connections 8,32,64] [--data DIR] [--bundled]
 */
import "../api/runtime-env.js";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { buildBenchIndex } from "./api-corpus.js";
import { measurePhases } from "./api-phases.js";
import { printTable } from "./stats.js";

const ROOT = join(import.meta.dirname, "..");
const QUERIES = [
  "how do I set the api key for openai",
  "stream the response tokens",
  "fallback to another model when a call fails",
  "rate limit requests per user",
  "budget and spend tracking per key",
  "retry failed completions",
  "use a proxy server with docker",
  "caching responses with redis",
  "htmx swap the target element",
  "define a route with a path parameter",
  "serve static files",
  "sqlite database table setup",
  "session cookies and authentication",
  "websockets in fasthtml",
  "create an atom and a triple",
  "how is a claim staked",
  "bonding curve deposit and redeem",
  "spell slots for a wizard",
  "monster armor class and hit points",
  "equipment categories api endpoint",
  "graphql query example",
  "pagination of results",
  "environment variables configuration",
  "logging and callbacks",
  "embedding models supported",
  "function calling tools",
  "vision image input",
  "timeout settings",
  "deploy to production",
  "error handling exceptions",
];

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "8,32,64" },
    data: { type: "string", default: "/tmp/agentweb-bench-api" },
    bundled: { type: "boolean", default: false },
  },
});
const duration = Number(values.duration);
const levels = values.connections!.split(",").map(Number);

const built = await buildBenchIndex(values.data!, {
  minChunks: 100_000,
  benchData: join(ROOT, "..", "shared", "bench-data", "llms-txt"),
});
printTable("bench index (real docs text x N site ids, bag-of-words vectors)", [
  {
    chunks: built.chunks,
    pages: built.pages,
    sites: built.sites,
    build_s: (built.buildMs / 1000).toFixed(1),
    reused: String(built.reused),
  },
]);

execFileSync(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"], {
  cwd: ROOT,
  stdio: "inherit",
});
const { child, url } = await startServerProcess(values.data!);
try {
  let q = 0;
  const next = () => encodeURIComponent(QUERIES[q++ % QUERIES.length]!);
  const routes = {
    "/v1/search": () => `/v1/search?q=${next()}&k=10`,
    "/v1/context": () => `/v1/context?q=${next()}&maxTokens=2000`,
  };
  const rows = [];
  for (const [route, path] of Object.entries(routes)) {
    for (const connections of levels) {
      const rss = sampleRss(child.pid!);
      const result = await autocannon({
        url,
        connections,
        duration,
        timeout: 10,
        requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: path() }) }],
      });
      const peak = rss.stop();
      rows.push({
        route,
        connections,
        "req/s": result.requests.average.toFixed(0),
        p50_ms: result.latency.p50,
        p99_ms: result.latency.p99,
        requests: result.requests.total,
        errors: result.errors + result.non2xx,
        timeouts: result.timeouts,
        rss_peak_mb: (peak / 1024).toFixed(0),
      });
      printTable(`${route} @ ${connections} connections, ${duration}s`, [rows.at(-1)!]);
    }
  }
  printTable(
    `autocannon over 127.0.0.1, ${duration}s per run (server: node dist/deploy/main.js, rate limit off)`,
    rows,
  );
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}
printTable(
  "where a search's time goes (in-process, 30 queries x 3)",
  await measurePhases(values.data!, QUERIES, 3, values.bundled!),
);
process.exit(0);

async function startServerProcess(data: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, "dist", "deploy", "main.js")], {
    env: {
      ...process.env,
      AGENTWEB_DATA: data,
      AGENTWEB_PORT: "0",
      AGENTWEB_RATE_LIMIT_RPS: "0",
      AGENTWEB_EMBEDDER: "none",
      AGENTWEB_LOG_LEVEL: "error",
      LANCEDB_LOG: "error",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    const onData = (d: Buffer) => {
      buffer += d;
      const line = buffer.split("\n").find((l) => l.includes('"listening"'));
      if (!line) return;
      child.stdout!.off("data", onData);
      resolve(JSON.parse(line).url);
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${buffer}`)));
  });
  // Drain the per-request log lines so a full pipe never stalls the server.
  child.stdout!.resume();
  return { child, url };
}

/** Samples the process's resident set (kB) every 200 ms; `stop` returns the peak. */
function sampleRss(pid: number): { stop(): number } {
  let peak = 0;
  const read = () => {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    peak = Math.max(peak, Number(m?.[1] ?? 0));
  };
  read();
  const timer = setInterval(read, 200);
  return {
    stop() {
      clearInterval(timer);
      read();
      return peak;
    },
  };
}
