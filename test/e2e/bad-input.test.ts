import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { SAMPLE_SITE_DIR } from "../helpers/sample-site.js";
import { serveSite } from "../helpers/serve-site.js";
import { tempDir } from "../helpers/temp-dir.js";

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const oneLine = (stderr: string) => {
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe("bad input gets one clear line and the right exit code", () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  it("malformed URL → exit 2", async () => {
    const res = await runCli(["crawl", "htp:/nowhere", "--data", join(tmp.path, "a")]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/INVALID_URL/);
    oneLine(res.stderr);
  });

  it("unreachable host → exit 2", async () => {
    const res = await runCli([
      "crawl",
      `http://127.0.0.1:${await closedPort()}/`,
      "--data",
      join(tmp.path, "b"),
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/cannot reach .*UNREACHABLE/);
    oneLine(res.stderr);
  });

  it("unknown flag → exit 2", async () => {
    const res = await runCli(["crawl", "http://127.0.0.1/", "--no-such-flag"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/no-such-flag/);
    oneLine(res.stderr);
  });

  it.each([
    [
      ["search", "x", "--mode", "fuzzy"],
      'agentweb search: --mode must be one of text, vector, hybrid (got "fuzzy")',
    ],
    [["search", "x", "-k", "0"], "agentweb search: -k must be at least 1 (got 0)"],
    [["context", "q", "--max-tokens", "5"], "agentweb context: --max-tokens must be at least 16 (got 5)"],
    [
      ["crawl", "http://127.0.0.1/", "--max-pages", "-3"],
      "agentweb crawl: --max-pages must be at least 1 (got -3)",
    ],
    [["search", "x", "-k", "lots"], 'agentweb search: -k must be a whole number (got "lots")'],
  ])("a bad flag value → one line naming the flag and what it accepts, exit 2: %j", async (args, line) => {
    const res = await runCli([...args, "--data", join(tmp.path, "flags")]);
    expect(res.code).toBe(2);
    oneLine(res.stderr);
    expect(res.stderr.startsWith(`${line} [`)).toBe(true);
    expect(res.stderr).not.toMatch(/[{}]|ambiguous/);
  });

  it("search on a missing index → exit 2", async () => {
    const res = await runCli(["search", "anything", "--data", join(tmp.path, "missing")]);
    expect(res.code).toBe(2);
    oneLine(res.stderr);
  });

  it("--version and --help answer on every command", async () => {
    expect((await runCli(["--version"])).stdout).toMatch(/^\d+\.\d+\.\d+/);
    for (const cmd of ["crawl", "search", "serve"]) {
      const res = await runCli([cmd, "--help"]);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(new RegExp(`Usage: agentweb ${cmd}`));
    }
  });

  it("a site where some pages fail → the rest stored, exit 1", async () => {
    const site = await serveSite(SAMPLE_SITE_DIR, {
      failPaths: ["/docs/retries.html", "/docs/workers.html"],
    });
    try {
      const data = join(tmp.path, "c");
      const res = await runCli([
        "crawl",
        `${site.url}/docs/getting-started.html`,
        "--data",
        data,
        "--json",
        "--embedder",
        "none",
      ]);
      expect(res.code).toBe(1);
      const summary = JSON.parse(res.stdout);
      expect(summary.pages.failed).toBe(2);
      expect(summary.pages.ok).toBeGreaterThanOrEqual(8);
      const search = await runCli(["search", "dead letter queue", "--data", data, "--json"]);
      expect(JSON.parse(search.stdout).hits.length).toBeGreaterThan(0);
    } finally {
      await site.close();
    }
  });
});
