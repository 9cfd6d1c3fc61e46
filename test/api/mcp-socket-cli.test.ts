import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../api/http/server.js";
import { resolveConfig } from "../../schemas/config.js";
import { countTokens } from "../../schemas/tokens.js";
import { type ApiFixture, indexedSampleSite } from "../helpers/api-fixture.js";
import { CLI_PATH, runCli } from "../helpers/run-cli.js";

const ADMIN = "admin-key-0123456789abcdef";
const READ = "read-key-0123456789abcdef";
const textOf = (r: unknown) => ((r as CallToolResult).content[0] as { text: string }).text;

describe("real socket, MCP (streamable HTTP and stdio) and CLI parity on one index", () => {
  let fx: ApiFixture;
  let server: RunningServer;
  const clients: Client[] = [];

  async function httpClient(key: string): Promise<Client> {
    const client = new Client({ name: "test", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    fx = await indexedSampleSite();
    await fx.releaseWriter();
    const config = resolveConfig({
      flags: { data: fx.data, port: 0, embedder: "none", delayMs: 0, rateLimitRps: 0 },
      env: { apiKeys: `${ADMIN}:admin,${READ}:read`, allowCidrs: "127.0.0.0/8" },
    });
    server = await startServer(config, {
      egress: {
        allowCidrs: ["127.0.0.0/8"],
        resolve: async (h) => Promise.reject(new Error(`no DNS: ${h}`)),
      },
    });
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => {});
    await server?.close();
    await fx?.close();
  });

  it("serves the API on a real socket", async () => {
    const res = await fetch(`${server.url}/v1/context?q=retries&maxTokens=300`, {
      headers: { authorization: `Bearer ${READ}` },
    });
    expect(res.status).toBe(200);
    const pack = await res.json();
    expect(pack.totalTokens).toBeLessThanOrEqual(300);
    expect((await fetch(`${server.url}/v1/search?q=retries`)).status).toBe(401);
  });

  it("refuses to bind a non-loopback address without keys unless insecure", async () => {
    await expect(
      startServer(resolveConfig({ flags: { data: fx.data, host: "0.0.0.0", port: 0 } })),
    ).rejects.toThrow(/without API keys/);
  });

  it("MCP over streamable HTTP: lists tools and calls each, budgets respected, errors as tool errors", async () => {
    const client = await httpClient(ADMIN);
    const { tools } = await client.listTools();
    // audit_site (from the audit issue) is offered too; these six are this issue's.
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        "crawl_site",
        "fetch_page",
        "get_context",
        "get_crawl_status",
        "list_sites",
        "search_docs",
      ]),
    );
    for (const t of tools) expect(t.description?.length, t.name).toBeGreaterThan(40);

    const search = await client.callTool({
      name: "search_docs",
      arguments: { q: "dead letter queue", k: 3 },
    });
    expect(search.isError).toBeFalsy();
    const hits = (search.structuredContent as { hits: { citation: string }[] }).hits;
    expect(hits).toHaveLength(3);
    expect(textOf(search)).toContain(hits[0]!.citation);

    for (const maxTokens of [50, 400, 2000]) {
      const ctx = await client.callTool({
        name: "get_context",
        arguments: { q: "how do retries back off", maxTokens },
      });
      expect(ctx.isError).toBeFalsy();
      expect(countTokens(textOf(ctx)), `maxTokens ${maxTokens}`).toBeLessThanOrEqual(maxTokens);
      expect(textOf(ctx)).toMatch(/^Source: http:\/\/127\.0\.0\.1/);
    }

    const page = await client.callTool({
      name: "fetch_page",
      arguments: { url: `${fx.site.url}/docs/retries.html`, maxTokens: 60 },
    });
    expect(textOf(page)).toMatch(/^Source: http:\/\/127\.0\.0\.1:\d+\/docs\/retries\.html/);
    expect(countTokens(textOf(page))).toBeLessThan(120);

    const sites = await client.callTool({ name: "list_sites", arguments: {} });
    expect((sites.structuredContent as { sites: { site: string }[] }).sites[0]!.site).toBe(fx.siteId);

    const crawl = await client.callTool({
      name: "crawl_site",
      arguments: { url: `${fx.site.url}/guides/deploying.html`, maxPages: 2 },
    });
    expect(crawl.isError).toBeFalsy();
    const id = (crawl.structuredContent as { id: string }).id;
    let state = "";
    for (let i = 0; i < 100 && !["done", "failed", "cancelled"].includes(state); i++) {
      const status = await client.callTool({ name: "get_crawl_status", arguments: { id } });
      state = (status.structuredContent as { state: string }).state;
      if (!["done", "failed"].includes(state)) await new Promise((r) => setTimeout(r, 100));
    }
    expect(state).toBe("done");

    const missing = await client.callTool({
      name: "fetch_page",
      arguments: { url: `${fx.site.url}/nope.html` },
    });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/^NOT_FOUND: /);
    const bad = await client.callTool({ name: "get_context", arguments: { q: "", maxTokens: 1 } });
    expect(bad.isError).toBe(true);
    const blocked = await client.callTool({
      name: "crawl_site",
      arguments: { url: "http://169.254.169.254/" },
    });
    expect(textOf(blocked)).toMatch(/^EGRESS_BLOCKED: /);
    const unknown = await client.callTool({ name: "no_such_tool", arguments: {} });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/not found/);
  });

  it("MCP resources: each site's llms.txt and llms-full.txt", async () => {
    const client = await httpClient(READ);
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain(`agentweb://sites/${fx.siteId}/llms.txt`);
    expect(uris).toContain(`agentweb://sites/${fx.siteId}/llms-full.txt`);
    const llms = await client.readResource({ uri: `agentweb://sites/${fx.siteId}/llms.txt` });
    expect((llms.contents[0] as { text: string }).text).toMatch(/^# /);
  });

  it("MCP read keys get read tools only; fresh fetches need admin", async () => {
    const client = await httpClient(READ);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).not.toContain("crawl_site");
    const fresh = await client.callTool({
      name: "fetch_page",
      arguments: { url: `${fx.site.url}/docs/faq.html`, fresh: true },
    });
    expect(textOf(fresh)).toMatch(/^FORBIDDEN: /);
  });

  it("MCP over stdio (agentweb mcp): tools answer; crawl_site explains that the server owns the index", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI_PATH, "mcp", "--data", fx.data],
      env: { PATH: process.env.PATH ?? "", LANCEDB_LOG: "error", AGENTWEB_EMBEDDER: "none" },
      stderr: "pipe",
    });
    const client = new Client({ name: "stdio-test", version: "1.0.0" });
    await client.connect(transport);
    clients.push(client);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("get_context");
    const ctx = await client.callTool({
      name: "get_context",
      arguments: { q: "schedule a job", maxTokens: 250 },
    });
    expect(countTokens(textOf(ctx))).toBeLessThanOrEqual(250);
    const list = await client.callTool({ name: "list_sites", arguments: {} });
    expect(textOf(list)).toContain(fx.siteId);
    const crawl = await client.callTool({ name: "crawl_site", arguments: { url: `${fx.site.url}/` } });
    expect(textOf(crawl)).toMatch(/^DATA_DIR_LOCKED: /);
    await client.close();
  });

  it("CLI parity: context, page, sites (after the server stops)", async () => {
    await server.close();
    const data = ["--data", fx.data];
    const ctx = await runCli([
      "context",
      "how do I retry a failed job",
      "--max-tokens",
      "300",
      "--json",
      ...data,
    ]);
    expect(ctx.code).toBe(0);
    const pack = JSON.parse(ctx.stdout);
    expect(pack.totalTokens).toBeLessThanOrEqual(300);
    expect(pack.parts[0].citation).toMatch(/^http:\/\/127\.0\.0\.1/);
    const md = await runCli(["context", "retries", "--max-tokens", "200", ...data]);
    expect(countTokens(md.stdout.trimEnd())).toBeLessThanOrEqual(200);

    const url = `${fx.site.url}/docs/retries.html`;
    const page = await runCli(["page", url, ...data]);
    expect(page.code).toBe(0);
    expect(page.stdout).toMatch(/^# /);
    expect(JSON.parse((await runCli(["page", url, "--json", ...data])).stdout)).toMatchObject({ url });
    const fresh = await runCli(["page", url, "--fresh", "--json", ...data]);
    expect(fresh.code).toBe(0);
    expect(JSON.parse(fresh.stdout)).toMatchObject({ url, site: fx.siteId });
    const missing = await runCli(["page", `${fx.site.url}/nope.html`, ...data]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/NOT_FOUND/);

    const sites = JSON.parse((await runCli(["sites", "--json", ...data])).stdout).sites;
    expect(sites.map((s: { site: string }) => s.site)).toContain(fx.siteId);
    const del = await runCli(["sites", "delete", fx.siteId, "--json", ...data]);
    expect(JSON.parse(del.stdout)).toMatchObject({ deleted: fx.siteId });
    expect((await runCli(["sites", "delete", fx.siteId, ...data])).code).toBe(2);
    for (const cmd of ["context", "page", "sites", "mcp"]) {
      const help = await runCli([cmd, "--help"]);
      expect(help.stdout, cmd).toMatch(new RegExp(`Usage: agentweb ${cmd}`));
    }
    expect((await runCli(["context", ...data])).code).toBe(2);
  });
});
