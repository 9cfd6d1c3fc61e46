import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditJob, AuditReport } from "../../../schemas/audit.js";
import { resolveConfig } from "../../../schemas/config.js";
import { AUDIT_FIXTURES, serveAuditFixture } from "../../../test/fixtures/audit/serve-audit-fixture.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { createCrawlJobs } from "../../ops/crawl-jobs.js";
import { type IndexHandle, openIndex } from "../../ops/index-handle.js";
import { createApp } from "../app.js";

const noDns = async (host: string) => {
  throw new Error(`test resolver: no DNS for ${host}`);
};

describe("POST /v1/audit (job) over app.request, egress guard on", () => {
  const tmp = tempDir("agentweb-audit-");
  let index: IndexHandle;
  let site: Awaited<ReturnType<typeof serveAuditFixture>>;
  let jobs: ReturnType<typeof createCrawlJobs>;
  const post = (app: ReturnType<typeof createApp>, body: unknown) =>
    app.request("/v1/audit", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    site = await serveAuditFixture(AUDIT_FIXTURES.good);
    index = await openIndex(resolveConfig({ flags: { data: join(tmp.path, "data"), embedder: "none" } }), {
      write: true,
      owner: "test",
    });
    jobs = createCrawlJobs(index, {});
  });
  afterAll(async () => {
    await jobs.close();
    await index.close();
    await site.close();
    tmp.remove();
  });

  it("refuses a loopback site unless the operator allow-lists it", async () => {
    const app = createApp({ index, version: "test", jobs, egress: { resolve: noDns } });
    const res = await post(app, { url: `${site.url}/` });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe("EGRESS_BLOCKED");
  });

  it("runs an allowed audit as a job: progress, then the report as JSON, markdown and HTML", async () => {
    const app = createApp({
      index,
      version: "test",
      jobs,
      egress: { allowCidrs: ["127.0.0.0/8"], resolve: noDns },
    });
    const res = await post(app, { url: `${site.url}/`, maxPages: 10 });
    expect(res.status).toBe(202);
    const job = AuditJob.parse(await res.json());
    expect(res.headers.get("location")).toBe(`/v1/audit/${job.id}`);
    let state = job.state;
    for (let i = 0; i < 120 && state !== "done" && state !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      state = AuditJob.parse(await (await app.request(`/v1/audit/${job.id}`)).json()).state;
    }
    expect(state).toBe("done");
    const report = AuditReport.parse(await (await app.request(`/v1/audit/${job.id}/report`)).json());
    expect(report.score).toBeGreaterThanOrEqual(90);
    const md = await app.request(`/v1/audit/${job.id}/report?format=md`);
    expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(await md.text()).toContain(`**Score: ${report.score}/100**`);
    const html = await (await app.request(`/v1/audit/${job.id}/report?format=html`)).text();
    expect(html).toMatch(/^<!doctype html>/);
    expect((await app.request("/v1/audit/00000000-0000-0000-0000-000000000000")).status).toBe(404);
  }, 90_000);
});
