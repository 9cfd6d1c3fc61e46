import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../api/http/server.js";
import { parseLlmsTxt } from "../../crawler/llms-txt/parse.js";
import { resolveConfig } from "../../schemas/config.js";
import { runCli } from "../helpers/run-cli.js";
import { SAMPLE_SITE_DIR } from "../helpers/sample-site.js";
import { type ServedSite, serveSite } from "../helpers/serve-site.js";
import { tempDir } from "../helpers/temp-dir.js";

/** The sample site's chrome: none of it may reach llms-full.txt. */
const CHROME = [
  "© 2026 Quiver Labs",
  "We use cookies",
  "Edit this page",
  "Skip to main content",
  "Was this page helpful?",
  "Quiver 2.0 is here",
  "On this page",
  "IGNORE PREVIOUS INSTRUCTIONS",
];

const linksOf = (text: string) =>
  parseLlmsTxt(text).llmsTxt.sections.flatMap((s) => s.links.map((l) => l.url));

describe("llms.txt on the sample site: crawl → publish → serve → validate (real CLI)", () => {
  const tmp = tempDir();
  const data = join(tmp.path, "data");
  const outDir = join(tmp.path, "public");
  let site: ServedSite;
  let published: ServedSite;
  let server: RunningServer;
  let siteId: string;
  let publish: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    site = await serveSite(SAMPLE_SITE_DIR);
    mkdirSync(outDir, { recursive: true });
    published = await serveSite(outDir);
    const crawl = await runCli(["crawl", `${site.url}/`, "--data", data, "--embedder", "none", "--json"]);
    expect(crawl.code, crawl.stderr).toBe(0);
    siteId = JSON.parse(crawl.stdout).site;
    publish = await runCli([
      "publish",
      "--data",
      data,
      "--out-dir",
      outDir,
      "--base-url",
      published.url,
      "--json",
    ]);
    server = await startServer(resolveConfig({ flags: { data, port: 0, embedder: "none" } }));
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await published?.close();
    await site?.close();
    tmp.remove();
  });

  it("publish writes the four files and a twin per page, and reports what it wrote", () => {
    expect(publish.stderr).toBe("");
    expect(publish.code).toBe(0);
    const summary = JSON.parse(publish.stdout);
    expect(summary).toMatchObject({ site: siteId, listed: expect.any(Number) });
    expect(summary.listed).toBeGreaterThanOrEqual(16);
    for (const f of [
      "llms.txt",
      "llms-full.txt",
      "llms-ctx.txt",
      "llms-ctx-full.txt",
      "index.html.md",
      "docs/retries.html.md",
      "api/queue.html.md",
    ]) {
      expect(existsSync(join(outDir, f)), f).toBe(true);
    }
  });

  it("llms.txt is well-formed, sectioned, with the blog post under Optional", () => {
    const text = readFileSync(join(outDir, "llms.txt"), "utf8");
    const { llmsTxt, findings } = parseLlmsTxt(text);
    expect(findings).toEqual([]);
    expect(llmsTxt.title).toBe("Quiver Docs");
    expect(llmsTxt.summary).toMatch(/job queue for Node\.js/);
    // The sidebar's own groups, in its order.
    expect(llmsTxt.sections.map((s) => s.name)).toEqual([
      "Introduction",
      "Core concepts",
      "Operations",
      "API reference",
      "Guides",
      "Optional",
    ]);
    expect(llmsTxt.sections.at(-1)!.links.map((l) => l.url)).toEqual([
      `${published.url}/blog/2026/launch.html.md`,
    ]);
    const retries = llmsTxt.sections
      .flatMap((s) => s.links)
      .find((l) => l.url.endsWith("/docs/retries.html.md"));
    expect(retries).toMatchObject({
      title: "Retries and backoff",
      notes: expect.stringMatching(/failed job is tried again/),
    });
  });

  it("every link of the published llms.txt resolves to a served .md", async () => {
    const links = linksOf(readFileSync(join(outDir, "llms.txt"), "utf8"));
    expect(links.length).toBeGreaterThanOrEqual(16);
    for (const url of links) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("content-type"), url).toBe("text/markdown; charset=utf-8");
      expect((await res.text()).startsWith("# "), url).toBe(true);
    }
  });

  it("llms-full.txt holds every page's content and no navigation text", () => {
    const full = readFileSync(join(outDir, "llms-full.txt"), "utf8");
    for (const text of CHROME) expect(full, text).not.toContain(text);
    expect(full).toContain("computeJitteredDelay");
    expect(full).toContain(`Source: ${site.url}/docs/retries.html`);
    expect(full).toContain("claimBatchSize");
  });

  it("the server hosts llms.txt, llms-full.txt and every twin under /sites/:siteId/ and at the root", async () => {
    for (const prefix of [`/sites/${siteId}`, ""]) {
      const res = await fetch(`${server.url}${prefix}/llms.txt`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(res.headers.get("last-modified")).toMatch(/GMT$/);
      const links = linksOf(await res.text());
      expect(links.length).toBeGreaterThanOrEqual(16);
      for (const url of links) {
        expect(url.startsWith(`${server.url}${prefix}/`), url).toBe(true);
        const page = await fetch(url);
        expect(page.status, url).toBe(200);
        expect(page.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
        expect(page.headers.get("link")).toContain(`<${url}>; rel="alternate"; type="text/markdown"`);
        await page.text();
      }
      const full = await fetch(`${server.url}${prefix}/llms-full.txt`);
      expect(full.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
      expect(await full.text()).not.toContain("We use cookies");
    }
  });

  it("answers a conditional request with 304, and an unknown page or site with 404", async () => {
    const first = await fetch(`${server.url}/sites/${siteId}/docs/retries.html.md`);
    const etag = first.headers.get("etag");
    await first.text();
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await fetch(`${server.url}/sites/${siteId}/docs/retries.html.md`, {
      headers: { "if-none-match": etag! },
    });
    expect(again.status).toBe(304);
    const llms = await fetch(`${server.url}/llms.txt`);
    const llmsEtag = llms.headers.get("etag")!;
    await llms.text();
    expect(
      (await fetch(`${server.url}/llms.txt`, { headers: { "if-none-match": `W/${llmsEtag}` } })).status,
    ).toBe(304);
    expect((await fetch(`${server.url}/sites/${siteId}/docs/nope.html.md`)).status).toBe(404);
    expect((await fetch(`${server.url}/sites/nope/llms.txt`)).status).toBe(404);
  });

  it("llms-txt validate --check-links rates the hosted file level 4 and exits 0", async () => {
    const res = await runCli([
      "llms-txt",
      "validate",
      `${server.url}/sites/${siteId}/llms.txt`,
      "--check-links",
      "--json",
    ]);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report).toMatchObject({ level: 4, counts: { error: 0, warning: 0 } });
    expect(report.tokens.withOptional).toBeGreaterThan(report.tokens.core);
    expect(report.linkCheck.dead).toBe(0);
  });

  it("llms-txt validate measures sitemap coverage, exits 1 on errors and 2 on an unreadable file", async () => {
    const bad = join(tmp.path, "bad.txt");
    writeFileSync(
      bad,
      `# Bad\n\n## Docs\n\n- [Gone](${site.url}/docs/removed-page.html)\n- [Open](${site.url}/x\n`,
    );
    const res = await runCli(["llms-txt", "validate", bad, "--check-links"]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/line 5: error dead-link/);
    expect(res.stdout).toMatch(/line 6: error malformed-link/);
    const sitemapDir = join(tmp.path, "sm");
    mkdirSync(sitemapDir);
    writeFileSync(
      join(sitemapDir, "sitemap.xml"),
      `<urlset><url><loc>${published.url}/docs/retries.html</loc></url><url><loc>${published.url}/docs/not-listed.html</loc></url></urlset>`,
    );
    const sitemapSite = await serveSite(sitemapDir);
    try {
      const cov = await runCli([
        "llms-txt",
        "validate",
        join(outDir, "llms.txt"),
        "--sitemap",
        `${sitemapSite.url}/sitemap.xml`,
        "--json",
      ]);
      expect(cov.code).toBe(0);
      expect(JSON.parse(cov.stdout).sitemap).toMatchObject({
        urls: 2,
        covered: 1,
        missing: [`${published.url}/docs/not-listed.html`],
      });
    } finally {
      await sitemapSite.close();
    }
    const missing = await runCli(["llms-txt", "validate", join(tmp.path, "nope.txt")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect((await runCli(["llms-txt", "frobnicate", "x"])).code).toBe(2);
  });

  it("llms-txt expand builds the context file from the hosted llms.txt", async () => {
    const core = await runCli(["llms-txt", "expand", `${server.url}/llms.txt`]);
    expect(core.code, core.stderr).toBe(0);
    expect(core.stdout).toMatch(/^<project title="Quiver Docs" summary="[^"]+">/);
    expect(core.stdout).toContain(
      `<doc title="Retries and backoff" url="${server.url}/docs/retries.html.md"`,
    );
    expect(core.stdout).not.toContain("Announcing Quiver 2.0");
    const full = await runCli(["llms-txt", "expand", `${server.url}/llms.txt`, "--optional"]);
    expect(full.stdout).toContain("Announcing Quiver 2.0");
  });

  it("publish without --out-dir, or with an unknown site, is a usage error", async () => {
    expect((await runCli(["publish", "--data", data])).code).toBe(2);
    const unknown = await runCli([
      "publish",
      "--data",
      data,
      "--site",
      "nope",
      "--out-dir",
      join(tmp.path, "x"),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no site nope/);
  });
});
