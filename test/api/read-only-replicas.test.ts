import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../api/http/server.js";
import { resolveConfig } from "../../schemas/config.js";
import { htmlPage, routeServer } from "../helpers/route-server.js";
import { CLI_PATH, cliEnv, runCli } from "../helpers/run-cli.js";
import { SAMPLE_SITE_DIR } from "../helpers/sample-site.js";
import { type ServedSite, serveSite } from "../helpers/serve-site.js";
import { tempDir } from "../helpers/temp-dir.js";

// The writer is the CLI in its own process; no embedder and no browser keep the test light.
const CRAWL_ARGS = ["--json", "--render", "never", "--embedder", "none", "--delay-ms", "0"];
const NEW_WORD = "quokka";

type Hit = { url: string };

/** `agentweb serve --read-only` in its own process, as an operator starts a replica. */
async function serveProcess(data: string): Promise<Pick<RunningServer, "url" | "close">> {
  const child = spawn(process.execPath, [CLI_PATH, "serve", "--read-only", "--data", data, "--port", "0"], {
    env: cliEnv({
      AGENTWEB_EMBEDDER: "none",
      AGENTWEB_RATE_LIMIT_RPS: "0",
      AGENTWEB_READ_CONSISTENCY_SEC: "1",
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const match = /serving .* at (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once("close", (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    close: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * A writer process crawls into a data dir that two read-only servers serve (one in this process,
 * one started by `agentweb serve --read-only`): the replicas take no lock, refuse writes, and both
 * answer a search for pages written after they opened.
 */
describe("read-only replicas beside one writer", () => {
  const tmp = tempDir("agentweb-replicas-");
  const data = join(tmp.path, "data");
  let sample: ServedSite;
  let second: Awaited<ReturnType<typeof routeServer>>;
  const replicas: Pick<RunningServer, "url" | "close">[] = [];

  const search = async (server: { url: string }, q: string): Promise<Hit[]> => {
    const res = await fetch(`${server.url}/v1/search?q=${encodeURIComponent(q)}&k=10`);
    expect(res.status).toBe(200);
    return (await res.json()).hits;
  };

  beforeAll(async () => {
    sample = await serveSite(SAMPLE_SITE_DIR);
    second = await routeServer({
      "/": (_q, r) =>
        void r
          .writeHead(200, { "content-type": "text/html" })
          .end(htmlPage("Quokka setup", ["/tuning.html"])),
      "/tuning.html": (_q, r) =>
        void r.writeHead(200, { "content-type": "text/html" }).end(htmlPage("Quokka tuning")),
    });
    const first = await runCli(["crawl", `${sample.url}/`, "--data", data, ...CRAWL_ARGS]);
    expect(first.code, first.stderr).toBe(0);
    const config = resolveConfig({
      flags: { data, port: 0, embedder: "none", rateLimitRps: 0, readOnly: true, readConsistencySec: 1 },
    });
    replicas.push(await startServer(config));
    replicas.push(await serveProcess(data));
  }, 180_000);
  afterAll(async () => {
    for (const r of replicas) await r.close();
    await sample?.close();
    await second?.close();
    tmp.remove();
  });

  it("take no writer lock, so a writer process crawls while they serve", async () => {
    expect(existsSync(join(data, "writer.lock"))).toBe(false);
    for (const r of replicas) expect((await search(r, NEW_WORD)).length).toBe(0);
    const crawl = await runCli(["crawl", `${second.url}/`, "--data", data, ...CRAWL_ARGS]);
    expect(crawl.code, crawl.stderr).toBe(0);
    expect(JSON.parse(crawl.stdout).pages.ok).toBe(2);
    // A serving writer takes the data dir beside them just as well.
    const writer = await startServer(resolveConfig({ flags: { data, port: 0, embedder: "none" } }));
    try {
      expect(JSON.parse(readFileSync(join(data, "writer.lock"), "utf8"))).toMatchObject({ owner: "serve" });
      expect(await (await fetch(`${writer.url}/readyz`)).json()).toMatchObject({ writable: true });
    } finally {
      await writer.close();
    }
  }, 120_000);

  it("both answer the same hits for the new pages once the read-consistency interval passes", async () => {
    const deadline = Date.now() + 30_000;
    let seen: Hit[][] = [];
    while (Date.now() < deadline) {
      seen = await Promise.all(replicas.map((r) => search(r, NEW_WORD)));
      if (seen.every((hits) => hits.length >= 2)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(seen[0]!.map((h) => h.url).sort()).toEqual([`${second.url}/`, `${second.url}/tuning.html`]);
    expect(seen[1]).toEqual(seen[0]);
    // A fresh single process on the same data agrees with them.
    const cli = await runCli(["search", NEW_WORD, "--data", data, "--json", "-k", "10"]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).hits.map((h: Hit) => h.url)).toEqual(seen[0]!.map((h) => h.url));
    const sites = await (await fetch(`${replicas[1]!.url}/v1/sites`)).json();
    expect(sites.sites).toHaveLength(2);
  }, 60_000);

  it("refuse every write route with READ_ONLY", async () => {
    const base = replicas[0]!.url;
    const site = `127.0.0.1-${sample.port}`;
    const refused = [
      await fetch(`${base}/v1/crawls`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url: `${sample.url}/` }),
      }),
      await fetch(`${base}/v1/sites/${site}`, { method: "DELETE" }),
      await fetch(`${base}/v1/page?fresh=1&url=${encodeURIComponent(`${sample.url}/`)}`),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
      const problem = await res.json();
      expect(problem.code).toBe("READ_ONLY");
      expect(problem.detail).toMatch(/read-only/);
    }
    // Nothing was deleted or queued.
    expect((await fetch(`${base}/v1/sites/${site}`)).status).toBe(200);
  });

  it("refuse write tools over MCP with a READ_ONLY tool error", async () => {
    const client = new Client({ name: "test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${replicas[1]!.url}/mcp`)));
    try {
      const result = (await client.callTool({
        name: "crawl_site",
        arguments: { url: `${sample.url}/` },
      })) as CallToolResult;
      expect(result.isError).toBe(true);
      expect((result.content[0] as { text: string }).text).toMatch(/^READ_ONLY: /);
    } finally {
      await client.close();
    }
  });

  it("report readiness apart from liveness: 503 with the reason while the index cannot be read", async () => {
    const base = replicas[0]!.url;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", writable: false });
    const metaPath = join(data, "meta.json");
    const meta = readFileSync(metaPath, "utf8");
    writeFileSync(metaPath, "{ not json");
    try {
      const notReady = await fetch(`${base}/readyz`);
      expect(notReady.status).toBe(503);
      expect((await notReady.json()).reason).toMatch(/meta\.json/);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      writeFileSync(metaPath, meta);
    }
  });

  it("will not start on a data dir no writer has created an index in, and create nothing there", async () => {
    const empty = join(tmp.path, "empty");
    mkdirSync(empty);
    const config = resolveConfig({ flags: { data: empty, port: 0, embedder: "none", readOnly: true } });
    await expect(startServer(config)).rejects.toThrow(/no index in .* yet/);
    expect(readdirSync(empty)).toEqual([]);
  });
});
