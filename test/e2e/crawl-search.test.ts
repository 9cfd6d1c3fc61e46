import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../api/http/server.js";
import { openIndex } from "../../api/ops/index-handle.js";
import { resolveConfig } from "../../schemas/config.js";
import { runCli } from "../helpers/run-cli.js";
import { SAMPLE_SITE_DIR } from "../helpers/sample-site.js";
import { type ServedSite, serveSite } from "../helpers/serve-site.js";
import { tempDir } from "../helpers/temp-dir.js";

/** Text of the site's chrome: none of it may reach stored markdown. */
const CHROME = [
  "We use cookies to improve your experience",
  "© 2026 Quiver Labs",
  "Skip to main content",
  "Edit this page",
  "Was this page helpful?",
  "IGNORE PREVIOUS INSTRUCTIONS",
  "Search docs…",
  "On this page",
];

describe("crawl → search on the sample docs site (real CLI, real LanceDB, bundled embedder)", () => {
  let site: ServedSite;
  const tmp = tempDir();
  const data = join(tmp.path, "data");
  const report = join(tmp.path, "report.jsonl");
  let crawl: { code: number; stdout: string; stderr: string };
  let server: RunningServer;

  beforeAll(async () => {
    site = await serveSite(SAMPLE_SITE_DIR);
    crawl = await runCli(["crawl", `${site.url}/`, "--data", data, "--json", "--report", report]);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await site.close();
    tmp.remove();
  });

  it("crawls every page, renders the JavaScript-only page, skips the dead link, and prints a JSON summary", () => {
    expect(crawl.stderr).toBe("");
    expect(crawl.code).toBe(0);
    const summary = JSON.parse(crawl.stdout);
    expect(summary.site).toBe(`127.0.0.1-${site.port}`);
    expect(summary.pages.ok).toBeGreaterThanOrEqual(16);
    expect(summary.pages.failed).toBe(0);
    expect(summary.chunks).toBeGreaterThan(summary.pages.ok);
    const records = readFileSync(report, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const dashboard = records.find((r) => r.url.endsWith("/docs/dashboard.html"));
    // Rendering is on by default (auto): the JavaScript-only page is rendered by real Chromium.
    expect(dashboard).toMatchObject({
      status: "ok",
      fetchedVia: "browser",
      renderReason: expect.stringMatching(/JavaScript/),
    });
    expect(records.find((r) => r.url.endsWith("/docs/removed-page.html"))).toMatchObject({
      status: "skipped",
      code: "NOT_FOUND",
    });
    expect(records.some((r) => !r.url.startsWith(site.url))).toBe(false);
  });

  it("finds the right page for a question phrased differently from the page (CLI)", async () => {
    const res = await runCli([
      "search",
      "what happens when a job keeps failing",
      "--data",
      data,
      "--json",
      "-k",
      "3",
      "--group",
      "page",
    ]);
    expect(res.code).toBe(0);
    const { hits } = JSON.parse(res.stdout);
    expect(hits.slice(0, 3).map((h: { url: string }) => h.url)).toContain(
      `${site.url}/docs/dead-letter-queue.html`,
    );
    expect(hits[0]).toMatchObject({
      title: expect.any(String),
      headingPath: expect.any(Array),
      snippet: expect.any(String),
      score: expect.any(Number),
    });
  });

  it("finds a phrase from a code block on its page first", async () => {
    const res = await runCli(["search", "computeJitteredDelay", "--data", data, "--json"]);
    const { hits } = JSON.parse(res.stdout);
    expect(hits[0].url).toBe(`${site.url}/docs/retries.html`);
  });

  it("keeps navigation, footer, cookie banner and hidden text out of every stored page", async () => {
    const index = await openIndex(resolveConfig({ flags: { data } }), { write: false, owner: "test" });
    try {
      const urls = readFileSync(report, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
        .filter((r) => r.status === "ok");
      for (const { url } of urls) {
        const page = await index.store.getPage(url);
        for (const text of CHROME) expect(page?.markdown, `${url} contains "${text}"`).not.toContain(text);
      }
    } finally {
      await index.close();
    }
  });

  it("serves the same search and pages over HTTP, with problem+json errors", async () => {
    server = await startServer(resolveConfig({ flags: { data, port: 0 } }));
    const res = await fetch(
      `${server.url}/v1/search?q=${encodeURIComponent("run a task every day at a fixed time")}&k=3&group=page`,
    );
    expect(res.status).toBe(200);
    const { hits } = (await res.json()) as { hits: { url: string; citation: string }[] };
    expect(hits.map((h) => h.url)).toContain(`${site.url}/docs/scheduling.html`);
    expect(hits[0]!.citation.startsWith(hits[0]!.url)).toBe(true);

    const page = await fetch(
      `${server.url}/v1/page?url=${encodeURIComponent(`${site.url}/docs/retries.html`)}`,
    );
    expect(page.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(await page.text()).toMatch(/^# /);

    const missing = await fetch(`${server.url}/v1/page?url=${encodeURIComponent(`${site.url}/nope.html`)}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(await missing.json()).toMatchObject({ code: "NOT_FOUND", status: 404 });

    const bad = await fetch(`${server.url}/v1/search?q=&k=0`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "INVALID_INPUT", errors: expect.any(Array) });

    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ status: "ok" });
  });

  it("refuses a second writer while the server owns the data dir", async () => {
    const res = await runCli(["crawl", `${site.url}/`, "--data", data]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/use the server's API/);
  });
});
