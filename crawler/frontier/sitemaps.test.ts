import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { htmlPage, routeServer } from "../../test/helpers/route-server.js";
import { type CrawlEvent, crawl } from "../crawl.js";
import { createFetcher } from "../fetch/fetcher.js";
import { createHostGate } from "../fetch/politeness.js";
import { readSitemaps } from "./sitemaps.js";

const urlset = (base: string, paths: string[], lastmod?: string) =>
  `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths
    .map((p) => `<url><loc>${base}${p}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`)
    .join("")}</urlset>`;
const index = (base: string, paths: string[]) =>
  `<?xml version="1.0"?><sitemapindex>${paths.map((p) => `<sitemap><loc>${base}${p}</loc></sitemap>`).join("")}</sitemapindex>`;

describe("sitemaps", () => {
  let srv: Awaited<ReturnType<typeof routeServer>>;
  beforeAll(async () => {
    const xml =
      (body: () => string | Buffer, type = "application/xml") =>
      (_q: unknown, r: import("node:http").ServerResponse) =>
        void r.writeHead(200, { "content-type": type }).end(body());
    srv = await routeServer({
      "/robots.txt": (_q, r) =>
        void r.writeHead(200).end(`User-agent: *\nAllow: /\nSitemap: ${srv.url}/sitemap-index.xml\n`),
      // An index with a plain child, a gzipped child, itself (a cycle) and a dead child.
      "/sitemap-index.xml": xml(() =>
        index(srv.url, ["/a.xml", "/b.xml.gz", "/sitemap-index.xml", "/dead.xml"]),
      ),
      "/a.xml": xml(() => urlset(srv.url, ["/docs/one.html", "/docs/two.html&amp;x=1"], "2026-01-02")),
      "/b.xml.gz": xml(
        () => gzipSync(urlset(srv.url, ["/docs/three.html", "/elsewhere/out.html"])),
        "application/gzip",
      ),
      "/docs/": (_q, r) => void r.writeHead(200, { "content-type": "text/html" }).end(htmlPage("Docs home")),
      "/docs/one.html": (_q, r) =>
        void r.writeHead(200, { "content-type": "text/html" }).end(htmlPage("One")),
      "/docs/three.html": (_q, r) =>
        void r.writeHead(200, { "content-type": "text/html" }).end(htmlPage("Three")),
    });
  });
  afterAll(() => srv.close());
  const fetcher = () =>
    createFetcher({
      userAgent: "t",
      gate: createHostGate({ delayMs: 0 }),
      timeoutMs: 5000,
      maxBodyBytes: 1e6,
      retries: 0,
      maxRetryAfterMs: 0,
    });

  it("reads an index with a gzipped child, detects the cycle, keeps lastmod, reports dead children", async () => {
    const { entries, errors } = await readSitemaps([`${srv.url}/sitemap-index.xml`], { fetcher: fetcher() });
    expect(entries.map((e) => e.url.replace(srv.url, "")).sort()).toEqual([
      "/docs/one.html",
      "/docs/three.html",
      "/docs/two.html&x=1",
      "/elsewhere/out.html",
    ]);
    expect(entries.find((e) => e.url.endsWith("one.html"))?.lastmod).toBe("2026-01-02");
    expect(errors).toEqual([`${srv.url}/dead.xml: HTTP 404`]);
  });

  it("caps the URLs read", async () => {
    const { entries } = await readSitemaps([`${srv.url}/a.xml`], { fetcher: fetcher(), maxUrls: 1 });
    expect(entries).toHaveLength(1);
  });

  it("seeds the crawl with the in-scope sitemap URLs that no link reaches", async () => {
    const events: CrawlEvent[] = [];
    for await (const e of crawl({
      startUrl: `${srv.url}/docs/`,
      maxPages: 20,
      maxDepth: 5,
      include: [],
      exclude: [],
      concurrency: 2,
      requestTimeoutMs: 5000,
      maxBodyBytes: 1e6,
      userAgent: "agentweb-test",
      delayMs: 0,
      render: "never",
    }))
      events.push(e);
    const pages = events.flatMap((e) => (e.type === "page" ? [new URL(e.page.url).pathname] : [])).sort();
    expect(pages).toEqual(["/docs/", "/docs/one.html", "/docs/three.html"]);
    expect(srv.paths()).not.toContain("/elsewhere/out.html");
  });
});
