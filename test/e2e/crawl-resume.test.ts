import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openIndex } from "../../api/ops/index-handle.js";
import { resolveConfig } from "../../schemas/config.js";
import { CLI_PATH, cliEnv, runCli } from "../helpers/run-cli.js";
import { SAMPLE_SITE_DIR } from "../helpers/sample-site.js";
import { type ServedSite, serveSite } from "../helpers/serve-site.js";
import { tempDir } from "../helpers/temp-dir.js";

// A slow site (300 ms per response) so each run is killed mid-crawl; no embedder and no browser
// keep the test light.
const ARGS = ["--json", "--render", "never", "--embedder", "none", "--delay-ms", "0", "--concurrency", "2"];

function doneCount(data: string): number {
  const dir = join(data, "crawls");
  if (!existsSync(dir)) return 0;
  const file = readdirSync(dir).find((f) => f.endsWith(".json"));
  if (!file) return 0;
  try {
    return Object.keys(JSON.parse(readFileSync(join(dir, file), "utf8")).done).length;
  } catch {
    return -1; // a half-written state file would land here: the test then fails below
  }
}

/** What a killed run left for the diagnostics: how far it got, how it ended, its last stderr. */
interface KilledRun {
  atLeast: number;
  seen: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts the CLI crawl and SIGKILLs it once the saved state shows `atLeast` finished URLs. */
async function crawlAndKill(url: string, data: string, atLeast: number): Promise<KilledRun> {
  // The same clean environment as runCli: the killed runs and the final one must be the same crawl.
  const child = spawn(process.execPath, [CLI_PATH, "crawl", url, "--data", data, ...ARGS], {
    env: cliEnv(),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr = (stderr + d).slice(-2000);
  });
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((r) =>
    child.on("close", (code, signal) => r([code, signal])),
  );
  const deadline = Date.now() + 60_000;
  let seen = 0;
  while (Date.now() < deadline && child.exitCode === null) {
    seen = doneCount(data);
    expect(seen).not.toBe(-1);
    if (seen >= atLeast) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill("SIGKILL");
  const [code, signal] = await exited;
  return { atLeast, seen, code, signal, stderr };
}

/** Everything that explains a failed final run: killed runs, saved state, lock file, report. */
function diagnose(
  data: string,
  report: string,
  killed: KilledRun[],
  final: { code: number; stderr: string },
) {
  const lines = existsSync(report) ? readFileSync(report, "utf8").split("\n") : [];
  const statePath = join(data, "crawls");
  const stateFile = existsSync(statePath)
    ? readdirSync(statePath).find((f) => f.endsWith(".json"))
    : undefined;
  const byStatus: Record<string, number> = {};
  if (stateFile) {
    try {
      const state = JSON.parse(readFileSync(join(statePath, stateFile), "utf8")) as {
        finished: boolean;
        done: Record<string, { status: string; code?: string }>;
      };
      byStatus.finished = state.finished ? 1 : 0;
      for (const e of Object.values(state.done)) {
        const key = `${e.status}${e.code ? `:${e.code}` : ""}`;
        byStatus[key] = (byStatus[key] ?? 0) + 1;
      }
    } catch {
      byStatus.unreadable = 1; // diagnostics must not throw: the assertion they explain comes first
    }
  }
  return [
    `final run: exit ${final.code}; stderr:\n${final.stderr}`,
    `report: ${existsSync(report) ? `${lines.filter(Boolean).length} lines` : "not written"}`,
    ...lines.filter((l) => l.includes('"failed"')),
    `state (done by status): ${JSON.stringify(byStatus)}`,
    `writer.lock left: ${existsSync(join(data, "writer.lock")) ? readFileSync(join(data, "writer.lock"), "utf8") : "no"}`,
    ...killed.map(
      (k) =>
        `killed run (at ≥${k.atLeast} done, saw ${k.seen}): code ${k.code} signal ${k.signal}; stderr tail: ${k.stderr.slice(-500)}`,
    ),
  ].join("\n");
}

describe("kill -9 and resume (real CLI)", () => {
  let site: ServedSite;
  const tmp = tempDir();
  const data = join(tmp.path, "data");
  const reference = join(tmp.path, "reference");
  beforeAll(async () => {
    site = await serveSite(SAMPLE_SITE_DIR, { delayMs: 300 });
  });
  afterAll(async () => {
    await site.close();
    tmp.remove();
  });

  it("SIGKILLed 3 times mid-crawl, then finished: every page indexed exactly once", async () => {
    const url = `${site.url}/`;
    const killed: KilledRun[] = [];
    for (const atLeast of [3, 7, 11]) killed.push(await crawlAndKill(url, data, atLeast));
    const killedRequests = site.requests.length;
    const report = join(tmp.path, "final.jsonl");
    const final = await runCli(["crawl", url, "--data", data, "--report", report, ...ARGS]);
    expect(final.code, diagnose(data, report, killed, final)).toBe(0);
    // The last run fetched only what was left, not the whole site again.
    const finalRequests = site.requests.length - killedRequests;

    const ref = await runCli(["crawl", url, "--data", reference, ...ARGS]);
    expect(ref.code, ref.stderr).toBe(0);
    const refRequests = site.requests.length - killedRequests - finalRequests;
    expect(finalRequests).toBeLessThan(refRequests);

    const open = (dir: string) =>
      openIndex(resolveConfig({ flags: { data: dir } }), { write: false, owner: "test" });
    const [resumed, fresh] = await Promise.all([open(data), open(reference)]);
    try {
      const site_ = JSON.parse(ref.stdout).site as string;
      const [a, b] = await Promise.all([resumed.store.counts(site_), fresh.store.counts(site_)]);
      expect(a.pages).toBeGreaterThanOrEqual(15);
      expect(a).toMatchObject({ pages: b.pages, chunks: b.chunks });
      const urls = (await resumed.store.listPages(site_)).map((p) => p.url);
      expect(new Set(urls).size).toBe(urls.length);
    } finally {
      await resumed.close();
      await fresh.close();
    }
  }, 180_000);
});
