import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConfigInput, resolveConfig } from "../../../schemas/config.js";
import { LlmsTxtExpansion, LlmsTxtReport } from "../../../schemas/llms-txt.js";
import { type LlmsTxtSite, serveLlmsTxtSite } from "../../../test/helpers/llms-txt-site.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { createCrawlJobs } from "../../ops/crawl-jobs.js";
import { type IndexHandle, openIndex } from "../../ops/index-handle.js";
import type { EgressPolicy } from "../../ops/url-guard.js";
import { createApp } from "../app.js";

const ADMIN = "admin-key-0123456789abcdef";
const READ = "read-key-0123456789abcdef";

/** Test DNS: one name that points at a private address; nothing else resolves (no real DNS). */
const resolve = async (host: string) => {
  if (host === "intranet.example.com") return [{ address: "10.1.2.3", family: 4 as const }];
  throw new Error(`test resolver: no DNS for ${host}`);
};
const loopbackAllowed: EgressPolicy = { allowCidrs: ["127.0.0.0/8"], resolve };

describe("GET /v1/llms-txt/validate and /v1/llms-txt/expand (admin, egress guard on)", () => {
  const tmp = tempDir("agentweb-llms-routes-");
  const indexes: IndexHandle[] = [];
  const closers: (() => Promise<void>)[] = [];
  let site: LlmsTxtSite;

  /** An app over an empty index (the index is not what is tested) with this egress policy and config. */
  const appWith = async (egress: EgressPolicy, config: ConfigInput = {}) => {
    const data = join(tmp.path, `data-${indexes.length}`);
    const index = await openIndex(
      resolveConfig({ flags: { data, embedder: "none", rateLimitRps: 0, ...config } }),
      {
        write: true,
        owner: "test",
      },
    );
    indexes.push(index);
    const jobs = createCrawlJobs(index, { egress });
    closers.push(() => jobs.close());
    return createApp({ index, version: "test", jobs, egress });
  };
  const q = (url: string, extra = "") => `?url=${encodeURIComponent(url)}${extra}`;

  beforeAll(async () => {
    site = await serveLlmsTxtSite();
  });
  afterAll(async () => {
    for (const close of closers) await close();
    for (const index of indexes) await index.close();
    await site?.close();
    tmp.remove();
  });

  it("validates a conforming llms.txt: the CLI's report, no errors, level 4 with the link check", async () => {
    const app = await appWith(loopbackAllowed);
    const res = await app.request(`/v1/llms-txt/validate${q(site.goodUrl, "&checkLinks=1")}`);
    expect(res.status).toBe(200);
    const report = LlmsTxtReport.parse(await res.json());
    expect(report.source).toBe(site.goodUrl);
    expect(report.counts.error).toBe(0);
    expect(report.level).toBe(4);
    expect(report.linkCheck).toMatchObject({ checked: 3, markdown: 3, dead: 0 });
    expect(report.sitemap).toMatchObject({ urls: 3, covered: 3 });
  });

  it("reports a broken llms.txt as findings, not as a failed request", async () => {
    const app = await appWith(loopbackAllowed);
    const res = await app.request(`/v1/llms-txt/validate${q(site.brokenUrl, "&checkLinks=true")}`);
    expect(res.status).toBe(200);
    const report = LlmsTxtReport.parse(await res.json());
    expect(report.level).toBe(0);
    expect(report.counts.error).toBeGreaterThan(0);
    expect(report.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(["missing-title", "dead-link"]),
    );
  });

  it("expands an llms.txt into its context file, as JSON or as the text alone", async () => {
    const app = await appWith(loopbackAllowed);
    const json = LlmsTxtExpansion.parse(
      await (await app.request(`/v1/llms-txt/expand${q(site.goodUrl)}`)).json(),
    );
    expect(json.truncated).toBe(false);
    expect(json.docs.map((d) => d.via)).toEqual(["markdown", "markdown"]);
    expect(json.text).toContain("<project");
    expect(json.text).toContain("Run `npm install harbor`");
    expect(json.text).not.toContain("Workers drain");
    const full = LlmsTxtExpansion.parse(
      await (await app.request(`/v1/llms-txt/expand${q(site.goodUrl, "&optional=1")}`)).json(),
    );
    expect(full.docs).toHaveLength(3);
    expect(full.text).toContain("Workers drain");
    const cut = LlmsTxtExpansion.parse(
      await (await app.request(`/v1/llms-txt/expand${q(site.goodUrl, "&maxTokens=16")}`)).json(),
    );
    expect(cut).toMatchObject({ truncated: true, tokens: 16 });
    const md = await app.request(`/v1/llms-txt/expand${q(site.goodUrl, "&format=markdown")}`);
    expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(await md.text()).toBe(json.text);
  });

  it("takes only http(s) URLs: a file path or another scheme is a 400 problem", async () => {
    const app = await appWith(loopbackAllowed);
    for (const url of ["/etc/passwd", "llms.txt", "file:///etc/passwd", "ftp://127.0.0.1/llms.txt"]) {
      for (const route of ["validate", "expand"]) {
        const res = await app.request(`/v1/llms-txt/${route}${q(url)}`);
        expect(res.status, `${route} ${url}`).toBe(400);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        expect((await res.json()).code).toBe("INVALID_INPUT");
      }
    }
    expect((await app.request("/v1/llms-txt/validate")).status).toBe(400);
  });

  it("refuses loopback and private addresses unless allow-listed (EGRESS_BLOCKED)", async () => {
    const app = await appWith({ resolve });
    const before = site.requests.length;
    for (const url of [
      site.goodUrl,
      "http://intranet.example.com/llms.txt",
      "http://169.254.169.254/llms.txt",
    ]) {
      for (const route of ["validate", "expand"]) {
        const res = await app.request(`/v1/llms-txt/${route}${q(url)}`);
        expect(res.status, `${route} ${url}`).toBe(403);
        expect((await res.json()).code).toBe("EGRESS_BLOCKED");
      }
    }
    expect(site.requests.length, "no request reached the site").toBe(before);
  });

  it("answers a missing or unreachable llms.txt with a 502 problem", async () => {
    const app = await appWith(loopbackAllowed);
    const missing = await app.request(`/v1/llms-txt/validate${q(`${site.url}/nope/llms.txt`)}`);
    expect(missing.status).toBe(502);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(await missing.json()).toMatchObject({
      code: "HTTP_ERROR",
      detail: expect.stringContaining("404"),
    });
    // Port 9 (discard) on loopback: nothing listens there in a test environment.
    const down = await app.request(`/v1/llms-txt/expand${q("http://127.0.0.1:9/llms.txt")}`);
    expect(down.status).toBe(502);
    expect((await down.json()).code).toBe("UNREACHABLE");
  });

  it("needs an admin key: a read key gets 403, no key 401", async () => {
    const app = await appWith(loopbackAllowed, { apiKeys: `${ADMIN}:admin,${READ}:read` as never });
    const path = `/v1/llms-txt/validate${q(site.goodUrl)}`;
    const as = (key?: string) =>
      app.request(path, key ? { headers: { authorization: `Bearer ${key}` } } : {});
    expect((await as()).status).toBe(401);
    const read = await as(READ);
    expect(read.status).toBe(403);
    expect((await read.json()).code).toBe("FORBIDDEN");
    expect(
      (await app.request(`/v1/llms-txt/expand${q(site.goodUrl)}`, { headers: { "x-api-key": READ } })).status,
    ).toBe(403);
    expect((await as(ADMIN)).status).toBe(200);
  });

  it("is described in /openapi.json and on /v1/docs", async () => {
    const app = await appWith(loopbackAllowed);
    const doc = await (await app.request("/openapi.json")).json();
    for (const path of ["/v1/llms-txt/validate", "/v1/llms-txt/expand"]) {
      expect(doc.paths[path].get["x-access"]).toBe("admin");
      expect(doc.paths[path].get.parameters.map((p: { name: string }) => p.name)).toContain("url");
    }
    expect(doc.paths["/v1/llms-txt/expand"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["optional", "maxTokens", "format"]),
    );
    const html = await (await app.request("/v1/docs")).text();
    expect(html).toContain("/v1/llms-txt/validate");
    expect(html).toContain("/v1/llms-txt/expand");
  });
});
