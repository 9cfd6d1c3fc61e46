import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/http/app.js";
import { type CrawlJobs, createCrawlJobs } from "../../api/ops/crawl-jobs.js";
import { openIndex } from "../../api/ops/index-handle.js";
import { resolveConfig } from "../../schemas/config.js";
import { countTokens } from "../../schemas/tokens.js";
import { type ApiFixture, indexedSampleSite } from "../helpers/api-fixture.js";
import { SAMPLE_SITE_DIR } from "../helpers/sample-site.js";
import { serveSite } from "../helpers/serve-site.js";

/** Loopback is allow-listed here, the way an operator would allow an internal docs host. */
const LOOPBACK_ALLOWED = { allowCidrs: ["127.0.0.0/8"] };
const noDns = async (host: string) => {
  throw new Error(`test resolver: no DNS for ${host}`);
};

describe("HTTP API over app.request (sample site, real LanceDB)", () => {
  let fx: ApiFixture;
  let jobs: CrawlJobs;
  let app: ReturnType<typeof createApp>;
  const get = (path: string, init?: RequestInit) => app.request(path, init);
  // biome-ignore lint/suspicious/noExplicitAny: responses are checked field by field below.
  const json = async (path: string, init?: RequestInit) => (await get(path, init)).json() as Promise<any>;

  beforeAll(async () => {
    fx = await indexedSampleSite();
    const egress = { ...LOOPBACK_ALLOWED, resolve: noDns };
    jobs = createCrawlJobs(fx.index, { egress });
    app = createApp({ index: fx.index, version: "test", jobs, egress });
  }, 120_000);
  afterAll(async () => {
    await jobs?.close();
    await fx?.close();
  });

  it("searches: hits cited as url#anchor", async () => {
    const res = await get("/v1/search?q=dead+letter+queue&k=3");
    expect(res.status).toBe(200);
    const { hits } = await res.json();
    expect(hits.length).toBe(3);
    expect(hits[0]).toMatchObject({
      url: expect.stringContaining(fx.site.url),
      citation: expect.any(String),
      tokens: expect.any(Number),
    });
    for (const h of hits) expect(h.citation).toBe(h.anchor ? `${h.url}#${h.anchor}` : h.url);
  });

  it("builds context packs that never exceed the budget, counted with the tokenizer", async () => {
    for (const maxTokens of [16, 60, 300, 1000, 4000]) {
      const pack = await json(
        `/v1/context?q=${encodeURIComponent("how do retries and backoff work")}&maxTokens=${maxTokens}`,
      );
      expect(pack.budget).toBe(maxTokens);
      const counted = pack.parts.reduce((n: number, p: { text: string }) => n + countTokens(p.text), 0);
      expect(counted).toBe(pack.totalTokens);
      expect(pack.totalTokens).toBeLessThanOrEqual(maxTokens);
      expect(pack.parts.length).toBeGreaterThan(0);
      for (const p of pack.parts) {
        expect(p.citation.startsWith(p.url)).toBe(true);
        expect(p.tokens).toBe(countTokens(p.text));
      }
    }
    const big = await json(
      `/v1/context?q=${encodeURIComponent("retries backoff dead letter queue")}&maxTokens=4000`,
    );
    expect(big.totalTokens).toBeGreaterThan(1000);
    // Merged per page: one page's parts are contiguous (pages are not interleaved).
    const urls = big.parts.map((p: { url: string }) => p.url);
    const firstIndex = new Map<string, number>();
    urls.forEach((u: string, i: number) => {
      if (firstIndex.has(u)) expect(urls[i - 1]).toBe(u);
      else firstIndex.set(u, i);
    });
  });

  it("renders context as markdown within the same budget", async () => {
    const res = await get(
      `/v1/context?q=${encodeURIComponent("schedule a job every day")}&maxTokens=500&format=markdown`,
    );
    expect(res.headers.get("content-type")).toMatch(/^text\/markdown/);
    const text = await res.text();
    expect(countTokens(text)).toBeLessThanOrEqual(500);
    expect(Number(res.headers.get("x-total-tokens"))).toBe(countTokens(text));
    expect(text).toMatch(/^Source: http:\/\/127\.0\.0\.1:\d+\/\S+/);
  });

  it("serves stored pages as markdown, text, links and JSON; 404 when not stored", async () => {
    const url = encodeURIComponent(`${fx.site.url}/docs/retries.html`);
    const md = await get(`/v1/page?url=${url}`);
    expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(await md.text()).toMatch(/^# /);
    const text = await (await get(`/v1/page?url=${url}&format=text`)).text();
    expect(text).not.toMatch(/^#/);
    expect((await json(`/v1/page?url=${url}&format=links`)).links.length).toBeGreaterThan(0);
    expect(await json(`/v1/page?url=${url}&format=json`)).toMatchObject({
      url: `${fx.site.url}/docs/retries.html`,
      fetchedVia: "http",
    });
    const cut = await get(`/v1/page?url=${url}&maxTokens=20`);
    expect(countTokens(await cut.text())).toBeLessThanOrEqual(20);
    const missing = await get(`/v1/page?url=${encodeURIComponent(`${fx.site.url}/nope.html`)}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
  });

  it("lists and describes sites with counts, last crawl and embedder", async () => {
    const { sites } = await json("/v1/sites");
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatchObject({
      site: fx.siteId,
      embedder: "none",
      lastCrawl: { ok: expect.any(Number) },
    });
    expect(sites[0].pages).toBeGreaterThanOrEqual(16);
    expect(sites[0].chunks).toBeGreaterThan(sites[0].pages);
    expect(await json(`/v1/sites/${fx.siteId}`)).toMatchObject({ site: fx.siteId });
    expect((await get("/v1/sites/no-such-site")).status).toBe(404);
  });

  it("answers bad input on every route with problem+json listing the issues", async () => {
    const cases: [string, RequestInit | undefined, number][] = [
      ["/v1/search?q=", undefined, 400],
      ["/v1/search?q=x&k=0", undefined, 400],
      ["/v1/search?q=x&mode=magic", undefined, 400],
      ["/v1/search?q=x&path=docs", undefined, 400],
      ["/v1/context?q=x&maxTokens=lots", undefined, 400],
      ["/v1/context?q=x&maxTokens=1", undefined, 400],
      ["/v1/context", undefined, 400],
      ["/v1/page", undefined, 400],
      ["/v1/page?url=ftp://x/y", undefined, 400],
      ["/v1/page?url=http://x.dev/&format=pdf", undefined, 400],
      ["/v1/sites/bad%20id", undefined, 400],
      ["/v1/crawls/not-a-job!", undefined, 400],
      ["/v1/crawls/0123456789abcdef", undefined, 404],
      ["/v1/crawls", { method: "POST", body: "{", headers: { "content-type": "application/json" } }, 400],
      [
        "/v1/crawls",
        { method: "POST", body: "url=x", headers: { "content-type": "application/x-www-form-urlencoded" } },
        400,
      ],
      [
        "/v1/crawls",
        {
          method: "POST",
          body: JSON.stringify({ url: "nope", maxPages: -1 }),
          headers: { "content-type": "application/json" },
        },
        400,
      ],
      ["/v1/nothing-here", undefined, 404],
    ];
    for (const [path, init, status] of cases) {
      const res = await get(path, init);
      expect(res.status, path).toBe(status);
      expect(res.headers.get("content-type"), path).toBe("application/problem+json");
      const body = await res.json();
      expect(body.code, path).toMatch(/^[A-Z_]+$/);
      expect(JSON.stringify(body)).not.toMatch(/\n\s+at /);
      if (status === 400 && body.code === "INVALID_INPUT" && !path.startsWith("/v1/crawls"))
        expect(body.errors?.length, path).toBeGreaterThan(0);
    }
    const multi = await json(`/v1/crawls`, {
      method: "POST",
      body: JSON.stringify({ url: "nope", maxPages: -1 }),
      headers: { "content-type": "application/json" },
    });
    expect(multi.errors.map((e: { path: string }) => e.path).sort()).toEqual(["maxPages", "url"]);
  });

  it("refuses oversize bodies with 413", async () => {
    const body = JSON.stringify({ url: "https://example.com/", include: ["x".repeat(2_000_000)] });
    const res = await get("/v1/crawls", {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe("BODY_TOO_LARGE");
  });

  it("refuses crawls and fresh fetches of private addresses (egress guard)", async () => {
    for (const url of [
      "http://10.0.0.5/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]:8080/",
      "http://192.168.1.1/",
    ]) {
      const res = await get("/v1/crawls", {
        method: "POST",
        body: JSON.stringify({ url }),
        headers: { "content-type": "application/json" },
      });
      expect(res.status, url).toBe(403);
      expect((await res.json()).code).toBe("EGRESS_BLOCKED");
    }
    const fresh = await get(`/v1/page?fresh=1&url=${encodeURIComponent("http://169.254.169.254/")}`);
    expect(fresh.status).toBe(403);
  });

  it("publishes OpenAPI 3.1 from the schemas, a docs page, and Prometheus metrics", async () => {
    const doc = await json("/openapi.json");
    expect(doc.openapi).toBe("3.1.0");
    for (const p of [
      "/v1/search",
      "/v1/context",
      "/v1/page",
      "/v1/sites",
      "/v1/sites/{site}",
      "/v1/crawls",
      "/v1/crawls/{id}",
      "/v1/crawls/{id}/events",
    ]) {
      expect(doc.paths[p], p).toBeDefined();
    }
    for (const p of ["/healthz", "/readyz", "/metrics", "/mcp"]) expect(doc.paths[p], p).toBeDefined();
    const maxTokens = doc.paths["/v1/context"].get.parameters.find(
      (p: { name: string }) => p.name === "maxTokens",
    );
    expect(maxTokens.schema).toMatchObject({ type: "integer", default: 4000, maximum: 100000 });
    expect(doc.paths["/v1/crawls"].post.requestBody.content["application/json"].schema.required).toEqual([
      "url",
    ]);
    const html = await (await get("/v1/docs")).text();
    expect(html).toMatch(/<html/);
    expect(html).toContain("/v1/context");
    expect(html).not.toMatch(/<script|https?:\/\/cdn/);
    const metrics = await (await get("/metrics")).text();
    expect(metrics).toMatch(
      /agentweb_http_requests_total\{method="GET",route="\/v1\/search",status="200"\} \d+/,
    );
    expect(metrics).toMatch(
      /agentweb_http_request_duration_seconds_bucket\{route="\/v1\/context",le="0\.05"\}/,
    );
    expect(metrics).toMatch(/agentweb_crawl_started \d+/);
  });

  it("runs a crawl job: progress, an SSE stream to the end, and searches served while it writes", async () => {
    const other = await serveSite(SAMPLE_SITE_DIR, { delayMs: 30 });
    try {
      const start = await get("/v1/crawls", {
        method: "POST",
        body: JSON.stringify({ url: `${other.url}/docs/getting-started.html`, maxPages: 12 }),
        headers: { "content-type": "application/json" },
      });
      expect(start.status).toBe(202);
      const job = await start.json();
      expect(job).toMatchObject({
        state: expect.stringMatching(/^(queued|running)$/),
        site: `127.0.0.1-${other.port}-docs`,
      });
      expect(start.headers.get("location")).toBe(`/v1/crawls/${job.id}`);

      const events = await get(`/v1/crawls/${job.id}/events`);
      expect(events.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const reading = events.text();
      // Readers are never blocked by the writer: search the index while the crawl writes to it.
      const searches: number[] = [];
      while (!jobs.isTerminal(jobs.get(job.id))) {
        const t = performance.now();
        const res = await get("/v1/search?q=retries&k=5");
        expect(res.status).toBe(200);
        expect((await res.json()).hits.length).toBeGreaterThan(0);
        searches.push(performance.now() - t);
      }
      const stream = await reading;
      expect(stream).toMatch(/event: progress\ndata: \{/);
      expect(stream).toMatch(/event: end\ndata: \{.*"state":"done"/);
      const done = await json(`/v1/crawls/${job.id}`);
      expect(done).toMatchObject({ state: "done", progress: { ok: expect.any(Number) } });
      expect(done.progress.ok).toBeGreaterThanOrEqual(8);
      expect(searches.length).toBeGreaterThan(0);
      const { sites } = await json("/v1/sites");
      expect(sites.map((s: { site: string }) => s.site)).toContain(done.site);

      // Deleting the new site removes its rows; the first site is untouched.
      const del = await json(`/v1/sites/${done.site}`, { method: "DELETE" });
      expect(del).toMatchObject({ deleted: done.site });
      expect(del.pages).toBeGreaterThan(0);
      expect((await get(`/v1/sites/${done.site}`)).status).toBe(404);
      expect((await json(`/v1/sites/${fx.siteId}`)).pages).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it("cancels a running job and refuses deleting a site while its crawl runs", async () => {
    const slow = await serveSite(SAMPLE_SITE_DIR, { delayMs: 400 });
    try {
      const job = await json("/v1/crawls", {
        method: "POST",
        body: JSON.stringify({ url: `${slow.url}/` }),
        headers: { "content-type": "application/json" },
      });
      const conflict = await get(`/v1/sites/${job.site}`, { method: "DELETE" });
      expect([404, 409]).toContain(conflict.status);
      if (conflict.status === 409) expect((await conflict.json()).code).toBe("CONFLICT");
      const cancelled = await json(`/v1/crawls/${job.id}`, { method: "DELETE" });
      expect(cancelled.state).toBe("cancelled");
    } finally {
      await slow.close();
    }
  });

  it("fetches a page fresh (admin) and stores it when its site is indexed", async () => {
    const url = `${fx.site.url}/docs/faq.html`;
    const res = await get(`/v1/page?fresh=1&format=json&url=${encodeURIComponent(url)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-agentweb-stored")).toBe("true");
    const page = await res.json();
    expect(page).toMatchObject({ url, site: fx.siteId });
  });

  it("resumes a job interrupted by a shutdown when the jobs are opened again", async () => {
    const slow = await serveSite(SAMPLE_SITE_DIR, { delayMs: 500 });
    const reader = await openIndex(resolveConfig({ flags: { data: fx.data } }), {
      write: false,
      owner: "test",
    });
    try {
      const first = createCrawlJobs(fx.index, { egress: LOOPBACK_ALLOWED });
      const job = await first.start({ url: `${slow.url}/guides/deploying.html`, maxPages: 3 });
      await new Promise((r) => setTimeout(r, 200));
      await first.close();
      expect(["queued", "running"]).toContain(first.get(job.id).state);
      const second = createCrawlJobs(fx.index, { egress: LOOPBACK_ALLOWED });
      const resumed = await new Promise<string>((resolve) => {
        const check = () => {
          const j = second.get(job.id);
          if (second.isTerminal(j)) resolve(`${j.state}:${j.attempts}`);
        };
        second.subscribe(job.id, check);
        check();
      });
      expect(resumed).toBe("done:2");
      await second.close();
      expect(reader).toBeDefined();
    } finally {
      await reader.close();
      await slow.close();
    }
  });
});
