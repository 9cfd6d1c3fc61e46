/**
 * `make demo`: serves the bundled sample docs site on 127.0.0.1, crawls and indexes it with the real
 * CLI, starts the API, runs three example searches, prints the curl lines to try, and keeps serving
 * until Ctrl-C.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { SAMPLE_SITE_DIR } from "../helpers/sample-site.js";
import { serveSite } from "../helpers/serve-site.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "bin", "agentweb.js");
const DATA = join(ROOT, ".agentweb-demo");
const PORT = Number(process.env.DEMO_PORT ?? 7070);
const QUESTIONS = [
  "what happens when a job keeps failing",
  "how do I schedule a job to run every morning",
  "how to configure retries with backoff",
];

function run(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: "inherit" });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not become healthy in 10 s");
}

const site = await serveSite(SAMPLE_SITE_DIR);
console.log(`\n▶ sample docs site at ${site.url}/ (test/fixtures/site)\n`);
rmSync(DATA, { recursive: true, force: true });

console.log(`▶ agentweb crawl ${site.url}/ --data .agentweb-demo`);
const crawlCode = await run(["crawl", `${site.url}/`, "--data", DATA]);
if (crawlCode === 2) {
  await site.close();
  process.exit(2);
}

console.log(`\n▶ agentweb serve --data .agentweb-demo --port ${PORT}`);
const server = spawn(process.execPath, [CLI, "serve", "--data", DATA, "--port", String(PORT)], {
  stdio: ["ignore", "inherit", "inherit"],
});
const base = `http://127.0.0.1:${PORT}`;
const stop = async (code: number) => {
  server.kill("SIGTERM");
  await site.close();
  process.exit(code);
};
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
try {
  await waitForHealth(base, server);
} catch (err) {
  console.error(`demo: ${(err as Error).message}`);
  await stop(2);
}

for (const q of QUESTIONS) {
  const res = await fetch(`${base}/v1/search?q=${encodeURIComponent(q)}&k=3&group=page`);
  const { hits } = (await res.json()) as {
    hits: { citation: string; headingPath: string[]; snippet: string }[];
  };
  console.log(`\n▶ GET /v1/search?q=${q}`);
  hits.forEach((h, i) => {
    console.log(
      `  ${i + 1}. ${h.headingPath.join(" › ")}\n     ${h.citation}\n     ${h.snippet.slice(0, 160)}`,
    );
  });
}

console.log(`
▶ try it yourself (Ctrl-C to stop):
  curl '${base}/v1/search?q=dead+letter+queue&k=5'
  curl '${base}/v1/search?q=scheduling&mode=hybrid&group=page'
  curl '${base}/v1/page?url=${encodeURIComponent(`${site.url}/docs/retries.html`)}'
  curl '${base}/healthz'
  node bin/agentweb.js search "how do I configure retries" --data .agentweb-demo
`);
