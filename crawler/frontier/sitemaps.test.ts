import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentwebError } from "../../schemas/errors.js";
import { testCrawlOptions } from "../../test/helpers/crawl-options.js";
import { htmlPage, routeServer } from "../../test/helpers/route-server.js";
import { type CrawlEvent, crawl } from "../crawl.js";
import { createFetcher } from "../fetch/fetcher.js";
import { createHostGate } from "../fetch/politeness.js";
import { getFailure, getOk, type SafeGet } from "../fetch/safe-get.js";
import { discoverSitemaps, fetcherGet, readSitemaps, sitemapRoots } from "./sitemaps.js";

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
  const get = () =>
    fetcherGet(
      createFetcher({
        userAgent: "t",
        gate: createHostGate({ delayMs: 0 }),
        timeoutMs: 5000,
        maxBodyBytes: 1e6,
        retries: 0,
        maxRetryAfterMs: 0,
      }),
    );

  it("reads an index with a gzipped child, detects the cycle, keeps lastmod, reports dead children", async () => {
    const { entries, problems, files } = await readSitemaps([`${srv.url}/sitemap-index.xml`], { get: get() });
    expect(entries.map((e) => e.url.replace(srv.url, "")).sort()).toEqual([
      "/docs/one.html",
      "/docs/three.html",
      "/docs/two.html&x=1",
      "/elsewhere/out.html",
    ]);
    expect(entries.find((e) => e.url.endsWith("one.html"))?.lastmod).toBe("2026-01-02");
    expect(problems).toEqual([{ url: `${srv.url}/dead.xml`, kind: "http", detail: "HTTP 404", status: 404 }]);
    expect(files.map((f) => f.replace(srv.url, ""))).toEqual(["/sitemap-index.xml", "/a.xml", "/b.xml.gz"]);
  });

  it("caps the URLs read", async () => {
    const { entries, truncated } = await readSitemaps([`${srv.url}/a.xml`], { get: get(), maxUrls: 1 });
    expect(entries).toHaveLength(1);
    expect(truncated).toBe(true);
  });

  it("seeds the crawl with the in-scope sitemap URLs that no link reaches", async () => {
    const events: CrawlEvent[] = [];
    for await (const e of crawl(
      testCrawlOptions({
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
      }),
    ))
      events.push(e);
    const pages = events.flatMap((e) => (e.type === "page" ? [new URL(e.page.url).pathname] : [])).sort();
    expect(pages).toEqual(["/docs/", "/docs/one.html", "/docs/three.html"]);
    expect(srv.paths()).not.toContain("/elsewhere/out.html");
  });
});

/** An in-memory site: a path answers 200 with its body, a number is a status, an Error no response. */
function fakeGet(routes: Record<string, string | Buffer | number | Error>): SafeGet & { asked: string[] } {
  const asked: string[] = [];
  const get: SafeGet = async (url, headers = {}) => {
    asked.push(`${new URL(url).pathname} ${headers.accept}`);
    const route = routes[new URL(url).pathname];
    if (route === undefined) return getOk({ url, status: 404, body: Buffer.alloc(0) });
    if (typeof route === "number") return getOk({ url, status: route, body: Buffer.alloc(0) });
    if (route instanceof Error) return getFailure(url, route);
    const headers_ = { "content-type": "application/xml" };
    return getOk({ url, status: 200, body: Buffer.from(route), headers: headers_ });
  };
  return Object.assign(get, { asked });
}

describe("readSitemaps over any getter", () => {
  const X = "https://x.dev";
  const urlsetOf = (...paths: string[]) =>
    `<urlset>${paths.map((p) => `<url><loc>${X}${p}</loc></url>`).join("")}</urlset>`;
  const indexOf = (...paths: string[]) =>
    `<sitemapindex>${paths.map((p) => `<sitemap><loc>${X}${p}</loc></sitemap>`).join("")}</sitemapindex>`;

  it("follows indexes to maxDepth and reports the deeper ones", async () => {
    const get = fakeGet({
      "/i0.xml": indexOf("/i1.xml", "/leaf0.xml"),
      "/i1.xml": indexOf("/i2.xml"),
      "/i2.xml": indexOf("/leaf2.xml"),
      "/leaf0.xml": urlsetOf("/a"),
      "/leaf2.xml": urlsetOf("/deep"),
    });
    const read = await readSitemaps([`${X}/i0.xml`], { get, maxDepth: 2 });
    expect(read.entries.map((e) => e.url)).toEqual([`${X}/a`]);
    expect(read.problems).toEqual([
      { url: `${X}/leaf2.xml`, kind: "too-deep", detail: "sitemap index nested deeper than 2" },
    ]);
    expect(get.asked[0]).toBe("/i0.xml application/xml, text/xml;q=0.9, */*;q=0.5");
  });

  it("reads text sitemaps and reports each unreadable file by kind", async () => {
    const get = fakeGet({
      "/i.xml": indexOf("/text.txt", "/html.xml", "/down.xml", "/big.xml", "/gone.xml", "/empty.xml"),
      "/text.txt": `${X}/t1\n${X}/t2\n`,
      "/html.xml": "<!doctype html><title>Oops</title>",
      "/down.xml": new AgentwebError("FETCH_FAILED", "ECONNREFUSED"),
      "/big.xml": new AgentwebError("BODY_TOO_LARGE", "decoded body exceeds the 10-byte limit"),
      "/gone.xml": 410,
      "/empty.xml": "",
    });
    const read = await readSitemaps([`${X}/i.xml`], { get });
    expect(read.entries.map((e) => e.url)).toEqual([`${X}/t1`, `${X}/t2`]);
    expect(read.files).toEqual([`${X}/i.xml`, `${X}/text.txt`]);
    expect(read.problems.map((p) => [new URL(p.url).pathname, p.kind, p.detail])).toEqual([
      ["/html.xml", "not-sitemap", "neither <urlset> nor <sitemapindex>"],
      ["/down.xml", "unreachable", "FETCH_FAILED: ECONNREFUSED"],
      ["/big.xml", "too-big", "BODY_TOO_LARGE: decoded body exceeds the 10-byte limit"],
      ["/gone.xml", "http", "HTTP 410"],
      ["/empty.xml", "empty", "empty body"],
    ]);
  });

  it("stops at maxFiles and says it was cut short", async () => {
    const get = fakeGet({
      "/i.xml": indexOf("/a.xml", "/b.xml"),
      "/a.xml": urlsetOf("/a"),
      "/b.xml": urlsetOf("/b"),
    });
    const read = await readSitemaps([`${X}/i.xml`], { get, maxFiles: 2 });
    expect(read.entries.map((e) => e.url)).toEqual([`${X}/a`]);
    expect(read.truncated).toBe(true);
  });
});

describe("sitemap discovery", () => {
  it("takes robots.txt Sitemap: lines (relative ones resolved), else sitemap.xml under the prefix, then the root", async () => {
    const declared = fakeGet({
      "/robots.txt": "User-agent: *\nSitemap: /a.xml # main\nsitemap: https://x.dev/b.xml\n",
    });
    expect(await discoverSitemaps("https://x.dev/docs/llms.txt", declared)).toEqual([
      "https://x.dev/a.xml",
      "https://x.dev/b.xml",
    ]);
    expect(await discoverSitemaps("https://x.dev/docs/llms.txt", fakeGet({}), "/docs/")).toEqual([
      "https://x.dev/docs/sitemap.xml",
      "https://x.dev/sitemap.xml",
    ]);
    expect(sitemapRoots({ origin: "https://x.dev", declared: [] })).toEqual(["https://x.dev/sitemap.xml"]);
  });
});
