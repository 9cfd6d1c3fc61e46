import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../schemas/config.js";
import type { Page } from "../../schemas/page.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { type IndexHandle, openIndex } from "../ops/index-handle.js";
import { registerHostingRoutes } from "./hosting-routes.js";
import { sendProblem, toProblem } from "./problem.js";

function page(origin: string, site: string, path: string, title: string, lastModified?: string): Page {
  const url = `${origin}${path}`;
  const markdown = `# ${title}\n\nAbout ${title.toLowerCase()}, in a few words.\n`;
  return {
    url,
    finalUrl: url,
    site,
    title: `${title} | Demo`,
    description: `All about ${title.toLowerCase()}.`,
    lang: "en",
    markdown,
    links: [],
    headings: [],
    contentHash: `h${title.length}${path.length}`,
    fetchedVia: "http",
    tokens: { html: 0, markdown: 10 },
    removed: [],
    fetchedAt: "2026-05-01T10:00:00.000Z",
    ...(lastModified ? { lastModified } : {}),
  };
}

/** Only the hosting routes plus problem+json errors: what the app wires, without the rest of the API. */
function hostingApp(index: IndexHandle) {
  const app = new Hono();
  registerHostingRoutes(app, { index });
  app.onError((err, c) => sendProblem(c, toProblem(err)));
  return app;
}

describe("hosting routes", () => {
  const tmp = tempDir();
  let index: IndexHandle;

  beforeAll(async () => {
    index = await openIndex(resolveConfig({ flags: { data: tmp.path, embedder: "none" } }), {
      write: true,
      owner: "test",
    });
    const a = "https://a.test";
    for (const p of [
      page(a, "a.test", "/", "Home"),
      page(a, "a.test", "/guide/intro.html", "Intro", "Tue, 05 May 2026 08:00:00 GMT"),
    ]) {
      await index.store.replacePage(p, []);
    }
    index.dataDir.writeMeta((meta) => {
      meta.sites["a.test"] = { site: "a.test", startUrl: `${a}/`, embedder: "none", dims: 512 };
    });
  });
  afterAll(async () => {
    await index.close();
    tmp.remove();
  });

  it("serves llms.txt as text/plain with links to the hosted twins, under /sites/:siteId and at the root", async () => {
    const app = hostingApp(index);
    const site = await app.request("http://host.test/sites/a.test/llms.txt");
    expect(site.status).toBe(200);
    expect(site.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(site.headers.get("last-modified")).toBe("Tue, 05 May 2026 08:00:00 GMT");
    expect(await site.text()).toContain(
      "(http://host.test/sites/a.test/guide/intro.html.md): All about intro.",
    );
    const root = await app.request("http://host.test/llms.txt");
    expect(await root.text()).toContain("(http://host.test/guide/intro.html.md)");
  });

  it("serves a twin with its page's ETag, Last-Modified and Link headers, index.html.md for a directory", async () => {
    const app = hostingApp(index);
    const res = await app.request("http://host.test/sites/a.test/guide/intro.html.md");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("etag")).toBe('"h517"');
    expect(res.headers.get("last-modified")).toBe("Tue, 05 May 2026 08:00:00 GMT");
    expect(res.headers.get("link")).toBe(
      '<https://a.test/guide/intro.html>; rel="canonical", <http://host.test/sites/a.test/guide/intro.html.md>; rel="alternate"; type="text/markdown"',
    );
    expect(await res.text()).toBe("# Intro\n\nAbout intro, in a few words.\n");
    expect((await app.request("http://host.test/index.html.md")).status).toBe(200);
  });

  it("answers If-None-Match and If-Modified-Since with 304, and a changed ETag with 200", async () => {
    const app = hostingApp(index);
    const url = "http://host.test/sites/a.test/llms-full.txt";
    const first = await app.request(url);
    const etag = first.headers.get("etag")!;
    expect(first.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect((await app.request(url, { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await app.request(url, { headers: { "if-none-match": `"other", ${etag}` } })).status).toBe(304);
    expect((await app.request(url, { headers: { "if-none-match": '"other"' } })).status).toBe(200);
    const since = { "if-modified-since": "Wed, 06 May 2026 00:00:00 GMT" };
    expect((await app.request(url, { headers: since })).status).toBe(304);
  });

  it("rebuilds after the site's pages change", async () => {
    const app = hostingApp(index);
    const before = await (await app.request("http://host.test/sites/a.test/llms.txt")).text();
    await index.store.replacePage(page("https://a.test", "a.test", "/guide/new.html", "Newest"), []);
    const after = await (await app.request("http://host.test/sites/a.test/llms.txt")).text();
    expect(before).not.toContain("new.html.md");
    expect(after).toContain("(http://host.test/sites/a.test/guide/new.html.md)");
  });

  it("answers 404 problems for an unknown site or page, and at the root when no site can be chosen", async () => {
    const app = hostingApp(index);
    const unknown = await app.request("http://host.test/sites/nope/llms.txt");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await app.request("http://host.test/sites/a.test/missing.html.md")).status).toBe(404);
    index.dataDir.writeMeta((meta) => {
      meta.sites["b.test"] = { site: "b.test", startUrl: "https://b.test/", embedder: "none", dims: 512 };
    });
    try {
      expect((await app.request("http://host.test/llms.txt")).status).toBe(404);
      const chosen = hostingApp({ ...index, config: { ...index.config, rootSite: "a.test" } });
      expect((await chosen.request("http://host.test/llms.txt")).status).toBe(200);
    } finally {
      index.dataDir.writeMeta((meta) => {
        delete meta.sites["b.test"];
      });
    }
  });
});
