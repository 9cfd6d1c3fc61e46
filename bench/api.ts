/**
 * Load test of the API on a ≥100,000-chunk index: GET /v1/search and GET /v1/context over loopback
 * with autocannon; req/s, p50/p99 latency, errors, server RSS and server CPU per request (split into
 * the JS thread and LanceDB's native threads); then where a search's time goes (bench/api-phases.ts).
 * The server runs as in production (dist/deploy/main.js, its own process) with the rate limit off;
 * the index is described in bench/api-corpus.ts (real docs text, deterministic vectors for this
 * benchmark only).
 *
 * Queries (bench/api-queries.ts): `distinct` never repeats a question within the run (the cold
 * case: no cache can answer); `repeated` cycles 30 fixed questions (what a result cache sees when
 * agents ask the same things again).
 *
 * `--compare DIR` runs a second checkout's server too (e.g. `git worktree add /tmp/aw-before HEAD~1`,
 * with node_modules symlinked from here), on the same index, alternating the two run by run so a
 * busy machine's slow minutes fall on both; the summary gives the ratio per route. Each run starts
 * its server afresh and warms it up first. Servers are built with tsc first (each in its own tree).
 *
 * Run: npx tsx bench/api.ts [--duration 20] [--connections 8,32,64] [--routes search,context,search-repeated]
 *        [--rounds 1] [--compare DIR] [--data DIR] [--no-phases] [--bundled]
 */
import "../api/runtime-env.js";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { closeSync, openSync, readdirSync, readFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { buildBenchIndex } from "./api-corpus.js";
import { measurePhases } from "./api-phases.js";
import { distinctQueries, repeatedQueries } from "./api-queries.js";
import { percentile, printTable } from "./stats.js";

const ROOT = join(import.meta.dirname, "..");

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "8,32,64" },
    routes: { type: "string", default: "search,context,search-repeated" },
    rounds: { type: "string", default: "1" },
    compare: { type: "string" },
    data: { type: "string", default: "/tmp/agentweb-bench-api" },
    "no-phases": { type: "boolean", default: false },
    bundled: { type: "boolean", default: false },
  },
});
const duration = Number(values.duration);
const levels = values.connections!.split(",").map(Number);
const rounds = Number(values.rounds);
const data = values.data!;
/** Seconds of load before each measured run: the first queries load LanceDB's index into memory. */
const WARM_UP_S = 3;

const built = await buildBenchIndex(data, {
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

/** The servers under test: this tree, and the one to compare with. */
const variants: { name: string; root: string }[] = [{ name: "current", root: ROOT }];
if (values.compare) variants.unshift({ name: "compare", root: resolve(values.compare) });
for (const v of variants) {
  execFileSync(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"], {
    cwd: v.root,
    stdio: "inherit",
  });
}

const queries = await distinctQueries(join(data, "index"), "bench-1.example");
let runs = 0;
/** Phase timing asks its own questions, past those of the load runs. */
const PHASE_QUERIES = 200;
const PHASE_QUERIES_FROM = 100_000;
const ROUTES: Record<string, (q: string) => string> = {
  search: (q) => `/v1/search?q=${encodeURIComponent(q)}&k=10`,
  context: (q) => `/v1/context?q=${encodeURIComponent(q)}&maxTokens=2000`,
  "search-repeated": (q) => `/v1/search?q=${encodeURIComponent(q)}&k=10`,
};
const routes = values.routes!.split(",");

const rows: Record<string, string | number>[] = [];
for (const route of routes) {
  const path = ROUTES[route];
  if (!path) throw new Error(`unknown route ${route}: one of ${Object.keys(ROUTES).join(", ")}`);
  for (const connections of levels) {
    for (let round = 0; round < rounds; round++) {
      // Alternate which server goes first, so neither always gets the quieter half.
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      // Both servers of a round are asked the same questions; no question repeats across rounds.
      const first = (runs++ % 24) * 4000;
      for (const variant of order) {
        const next = route.endsWith("-repeated") ? repeatedQueries() : queries(first);
        const request = {
          method: "GET" as const,
          setupRequest: (req: object) => ({ ...req, path: path(next()) }),
        };
        // One server at a time on the same index (a server holds the data dir's writer lock), each
        // started afresh and warmed up before it is measured.
        const server = await startServerProcess(variant.root, data);
        try {
          await autocannon({ url: server.url, connections, duration: WARM_UP_S, requests: [request] });
          const rss = sampleRss(server.child.pid!);
          const cpu0 = threadCpu(server.child.pid!);
          const result = await autocannon({
            url: server.url,
            connections,
            duration,
            timeout: 10,
            requests: [request],
          });
          const cpu = threadCpu(server.child.pid!, cpu0);
          const peak = rss.stop();
          const served = Math.max(1, result.requests.total);
          rows.push({
            server: variant.name,
            route,
            connections,
            round,
            "req/s": result.requests.average.toFixed(0),
            p50_ms: result.latency.p50,
            p99_ms: result.latency.p99,
            requests: result.requests.total,
            errors: result.errors + result.non2xx,
            timeouts: result.timeouts,
            cpu_ms_per_req: ((cpu.js + cpu.lance + cpu.other) / served).toFixed(2),
            js: (cpu.js / served).toFixed(2),
            lance: (cpu.lance / served).toFixed(2),
            other: (cpu.other / served).toFixed(2),
            rss_peak_mb: (peak / 1024).toFixed(0),
            load: readFileSync("/proc/loadavg", "utf8").split(" ")[0]!,
          });
          printTable(`${variant.name} ${route} @ ${connections} connections, ${duration}s`, [rows.at(-1)!]);
        } finally {
          server.child.kill("SIGTERM");
          await new Promise((r) => server.child.once("exit", r));
        }
      }
    }
  }
}
printTable(
  `autocannon over 127.0.0.1, ${duration}s per run after ${WARM_UP_S}s of warm-up (server: node dist/deploy/main.js, rate limit off)`,
  rows,
);
if (variants.length > 1) printTable("current vs compare (medians over rounds)", compareRows(rows));
if (!values["no-phases"]) {
  const next = queries(PHASE_QUERIES_FROM);
  printTable(
    `where a request's time goes (in-process, ${PHASE_QUERIES} distinct queries)`,
    await measurePhases(data, Array.from({ length: PHASE_QUERIES }, next), values.bundled!),
  );
}
process.exit(0);

/**
 * Per route and connection count: each server's median req/s and p99, and the median over rounds
 * of current ÷ compare within a round (the two runs of a round are back to back, so their ratio
 * is less at the mercy of the machine's other work than either figure).
 */
function compareRows(all: Record<string, string | number>[]): Record<string, string | number>[] {
  const out: Record<string, string | number>[] = [];
  const median = (xs: number[]) => percentile(xs, 50);
  for (const route of routes) {
    for (const connections of levels) {
      const runsOf = (server: string) =>
        all.filter((r) => r.server === server && r.route === route && r.connections === connections);
      const of = (server: string, key: string) => median(runsOf(server).map((r) => Number(r[key])));
      const ratio = (key: string) => {
        const before = new Map(runsOf("compare").map((r) => [r.round, Number(r[key])]));
        return median(runsOf("current").map((r) => Number(r[key]) / before.get(r.round)!)).toFixed(2);
      };
      out.push({
        route,
        connections,
        "req/s compare": of("compare", "req/s"),
        "req/s current": of("current", "req/s"),
        "req/s ratio": ratio("req/s"),
        "p99 compare": of("compare", "p99_ms"),
        "p99 current": of("current", "p99_ms"),
        "p99 ratio": ratio("p99_ms"),
        "cpu ms/req compare": of("compare", "cpu_ms_per_req").toFixed(2),
        "cpu ms/req current": of("current", "cpu_ms_per_req").toFixed(2),
        "cpu ratio": ratio("cpu_ms_per_req"),
      });
    }
  }
  return out;
}

async function startServerProcess(
  root: string,
  dataDir: string,
): Promise<{ child: ChildProcess; url: string }> {
  // The server's log goes to a file, as in production: a pipe that this busy process drains late
  // would block the server's synchronous stdout writes and add that wait to its latency. Its level
  // is warn, so no request line is written (the figures are the server's, not its log's).
  const logFile = join(dataDir, "server.log");
  const out = openSync(logFile, "w");
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, "dist", "deploy", "main.js")], {
    env: {
      ...process.env,
      AGENTWEB_DATA: dataDir,
      AGENTWEB_PORT: String(port),
      AGENTWEB_RATE_LIMIT_RPS: "0",
      AGENTWEB_EMBEDDER: "none",
      AGENTWEB_LOG_LEVEL: "warn",
      LANCEDB_LOG: "error",
    },
    stdio: ["ignore", out, "inherit"],
  });
  closeSync(out);
  let exited: number | null | undefined;
  child.once("exit", (code) => {
    exited = code;
  });
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url };
    if (exited !== undefined)
      throw new Error(`server exited with ${exited}: ${readFileSync(logFile, "utf8")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGTERM");
  throw new Error(`server did not start within 60 s: ${readFileSync(logFile, "utf8")}`);
}

/** A port free on 127.0.0.1 right now (the server is started on it next). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

type ThreadCpu = { js: number; lance: number; other: number };

/**
 * CPU time (ms) the process spent on its JS thread, on LanceDB's native pools (tokio and lance
 * threads) and on the rest (V8's GC helpers, libuv), since `since` when given.
 */
function threadCpu(pid: number, since?: ThreadCpu): ThreadCpu {
  const tick = 10; // ms per clock tick (USER_HZ = 100 on Linux)
  const cpu = { js: 0, lance: 0, other: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    } catch {
      continue; // the thread ended meanwhile
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ms = (Number(fields[11]) + Number(fields[12])) * tick;
    if (Number(tid) === pid) cpu.js += ms;
    else if (/^(tokio|lance)/.test(name)) cpu.lance += ms;
    else cpu.other += ms;
  }
  return since
    ? { js: cpu.js - since.js, lance: cpu.lance - since.lance, other: cpu.other - since.other }
    : cpu;
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
