import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/http/app.js";
import { tokenBuckets } from "../../api/http/rate-limit.js";
import { createCrawlJobs } from "../../api/ops/crawl-jobs.js";
import { type IndexHandle, openIndex } from "../../api/ops/index-handle.js";
import { type ConfigInput, resolveConfig } from "../../schemas/config.js";
import { tempDir } from "../helpers/temp-dir.js";

const ADMIN = "admin-key-0123456789abcdef";
const READ = "read-key-0123456789abcdef";
const json = { "content-type": "application/json" };

/** An app over an empty index with its own config (the index content is not what is tested). */
async function appWith(dir: string, config: ConfigInput) {
  const index: IndexHandle = await openIndex(
    resolveConfig({ flags: { data: dir, embedder: "none", ...config } }),
    {
      write: true,
      owner: "test",
    },
  );
  const resolve = async (host: string) => {
    // Test DNS: a public name and a name that points at a private address; nothing else resolves.
    if (host === "docs.example.com") return [{ address: "93.184.216.34", family: 4 as const }];
    if (host === "intranet.example.com") return [{ address: "10.1.2.3", family: 4 as const }];
    throw new Error(`no DNS in tests (${host})`);
  };
  const egress = { resolve };
  const jobs = createCrawlJobs(index, { egress });
  const app = createApp({ index, version: "test", jobs, egress });
  const close = async () => {
    await jobs.close();
    await index.close();
  };
  return { app, close };
}

describe("API keys, scopes, public routes", () => {
  const tmp = tempDir();
  let keyed: Awaited<ReturnType<typeof appWith>>;
  beforeAll(async () => {
    keyed = await appWith(`${tmp.path}/a`, {
      apiKeys: `${ADMIN}:admin,${READ}:read` as never,
      rateLimitRps: 0,
    });
  });
  afterAll(async () => {
    await keyed?.close();
    tmp.remove();
  });
  const call = (path: string, key?: string, init: RequestInit = {}) =>
    keyed.app.request(path, {
      ...init,
      headers: { ...(init.headers as object), ...(key ? { authorization: `Bearer ${key}` } : {}) },
    });

  it("keeps /healthz, /openapi.json and /v1/docs public", async () => {
    for (const path of ["/healthz", "/openapi.json", "/v1/docs"])
      expect((await call(path)).status, path).toBe(200);
  });

  it("needs a key for reads: 401 without, 200 with read or admin, 401 for an unknown key", async () => {
    const none = await call("/v1/search?q=x");
    expect(none.status).toBe(401);
    expect((await none.json()).code).toBe("UNAUTHORIZED");
    expect((await call("/v1/search?q=x", READ)).status).toBe(200);
    expect((await call("/v1/search?q=x", ADMIN)).status).toBe(200);
    expect((await call("/v1/sites", READ)).status).toBe(200);
    expect((await call("/v1/search?q=x", `${READ}x`)).status).toBe(401);
    expect((await call("/v1/search?q=x", "short")).status).toBe(401);
    const viaHeader = await keyed.app.request("/v1/search?q=x", { headers: { "x-api-key": READ } });
    expect(viaHeader.status).toBe(200);
    expect((await call("/metrics")).status).toBe(401);
    expect((await call("/metrics", READ)).status).toBe(200);
  });

  it("keeps crawls, deletes and fresh fetches for admin keys (403 for read keys)", async () => {
    const body = JSON.stringify({ url: "https://docs.example.com/" });
    const asRead = await call("/v1/crawls", READ, { method: "POST", body, headers: json });
    expect(asRead.status).toBe(403);
    expect((await asRead.json()).code).toBe("FORBIDDEN");
    expect((await call("/v1/sites/x", READ, { method: "DELETE" })).status).toBe(403);
    expect((await call("/v1/crawls/0123456789abcdef", READ)).status).toBe(403);
    expect(
      (await call(`/v1/page?fresh=1&url=${encodeURIComponent("https://docs.example.com/")}`, READ)).status,
    ).toBe(403);
    // Admin passes the scope check and meets the egress guard instead (no request leaves the test).
    const local = JSON.stringify({ url: "http://127.0.0.1:9/" });
    const asAdmin = await call("/v1/crawls", ADMIN, { method: "POST", body: local, headers: json });
    expect(asAdmin.status).toBe(403);
    expect((await asAdmin.json()).code).toBe("EGRESS_BLOCKED");
    expect((await call("/v1/sites/x", ADMIN, { method: "DELETE" })).status).toBe(404);
  });

  it("applies the egress guard after DNS: a public-looking name that resolves privately is refused", async () => {
    const body = JSON.stringify({ url: "https://intranet.example.com/docs/" });
    const res = await call("/v1/crawls", ADMIN, { method: "POST", body, headers: json });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      code: "EGRESS_BLOCKED",
      detail: expect.stringContaining("10.1.2.3"),
    });
  });

  it("guards /mcp against DNS rebinding (Host and Origin) and needs a key", async () => {
    const init = {
      method: "POST",
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      headers: { ...json, accept: "application/json, text/event-stream" },
    };
    expect((await call("/mcp", undefined, init)).status).toBe(401);
    const rebound = await keyed.app.request("http://evil.example/mcp", {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${READ}` },
    });
    expect(rebound.status).toBe(403);
    const badOrigin = await call("/mcp", READ, {
      ...init,
      headers: { ...init.headers, origin: "https://evil.example" },
    });
    expect(badOrigin.status).toBe(403);
    const ok = await call("/mcp", READ, init);
    expect(ok.status).toBe(200);
    const names = (await ok.json()).result.tools.map((t: { name: string }) => t.name);
    // A read key is not offered the admin tools.
    expect(names).toEqual(expect.arrayContaining(["search_docs", "get_context", "fetch_page", "list_sites"]));
    expect(names).not.toContain("crawl_site");
    const asAdmin = await (await call("/mcp", ADMIN, init)).json();
    expect(asAdmin.result.tools.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(["crawl_site", "get_crawl_status"]),
    );
    expect((await call("/mcp", READ, { method: "GET" })).status).toBe(405);
  });
});

describe("rate limit, CORS and the bind rule", () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  it("refuses a key over its rate with 429 and Retry-After; other keys are unaffected", async () => {
    const { app, close } = await appWith(`${tmp.path}/r`, {
      apiKeys: `${ADMIN}:admin,${READ}:read` as never,
      rateLimitRps: 1,
      rateLimitBurst: 3,
    });
    try {
      const as = (key: string) =>
        app.request("/v1/search?q=x", { headers: { authorization: `Bearer ${key}` } });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await as(READ)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await as(READ);
      expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await limited.json()).code).toBe("RATE_LIMITED");
      expect((await as(ADMIN)).status).toBe(200);
      // Public routes are not limited.
      expect((await app.request("/healthz")).status).toBe(200);
    } finally {
      await close();
    }
  });

  it("refills tokens over time", () => {
    let now = 0;
    const buckets = tokenBuckets({ rps: 2, burst: 2, now: () => now });
    expect([buckets.take("k"), buckets.take("k"), buckets.take("k")]).toEqual([0, 0, 1]);
    now += 500;
    expect(buckets.take("k")).toBe(0);
    expect(buckets.take("k")).toBe(1);
  });

  it("sends CORS headers only for configured origins", async () => {
    const { app, close } = await appWith(`${tmp.path}/c`, { corsOrigins: "https://app.example" as never });
    try {
      const pre = await app.request("/v1/search?q=x", {
        method: "OPTIONS",
        headers: { origin: "https://app.example", "access-control-request-method": "GET" },
      });
      expect(pre.headers.get("access-control-allow-origin")).toBe("https://app.example");
      const other = await app.request("/v1/search?q=x", { headers: { origin: "https://other.example" } });
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await close();
    }
  });

  it("parses AGENTWEB_API_KEYS and rejects short keys", () => {
    const config = resolveConfig({ env: { apiKeys: `${ADMIN}:admin,${READ}` } });
    expect(config.apiKeys).toEqual([
      { key: ADMIN, scope: "admin" },
      { key: READ, scope: "read" },
    ]);
    expect(() => resolveConfig({ env: { apiKeys: "key1:admin" } })).toThrow(/16 characters/);
  });
});
