import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { testCrawlOptions } from "../../test/helpers/crawl-options.js";
import { htmlPage, routeServer } from "../../test/helpers/route-server.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { type CrawlEvent, type CrawlOptions, crawl } from "../crawl.js";

const BASE = {
  maxPages: 50,
  maxDepth: 10,
  include: [],
  exclude: [],
  concurrency: 1,
  requestTimeoutMs: 5000,
  maxBodyBytes: 1_000_000,
  userAgent: "agentweb/0.1 (+test)",
  delayMs: 0,
  render: "never",
  sitemaps: false,
} satisfies Partial<CrawlOptions>;

const PAGES = ["/", "/a.html", "/b.html", "/c.html", "/d.html"];
const tmp = tempDir();
afterEach(() => tmp.remove());

async function site(gone = new Set<string>()) {
  const routes: Record<string, (req: import("node:http").IncomingMessage, res: ServerResponse) => void> = {};
  for (const path of PAGES) {
    const etag = `"v1-${path}"`;
    routes[path] = (req, res) => {
      if (gone.has(path)) return void res.writeHead(410).end();
      if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { "content-type": "text/html", etag }).end(htmlPage(`Page ${path}`, PAGES));
    };
  }
  return routeServer(routes);
}
async function run(startUrl: string, extra: Partial<CrawlOptions> = {}, stopAfter = Infinity) {
  const abort = new AbortController();
  const events: CrawlEvent[] = [];
  for await (const e of crawl(
    testCrawlOptions({ ...BASE, startUrl, stateDir: tmp.path, signal: abort.signal, ...extra }),
  )) {
    events.push(e);
    if (events.length >= stopAfter) abort.abort();
  }
  return events;
}
const fetchedPages = (paths: string[]) => paths.filter((p) => p !== "/robots.txt");

describe("resumable and incremental crawls", () => {
  it("a resumed crawl fetches again a page its state calls done but the consumer never stored", async () => {
    const srv = await site();
    const first = await run(`${srv.url}/`, {}, 2);
    const pages = first.flatMap((e) => (e.type === "page" ? [e.page] : []));
    expect(pages).toHaveLength(2);
    // The consumer stored only the first page before it was killed (its writes are batched).
    const storedHashes = new Map([[pages[0]!.url, pages[0]!.contentHash]]);
    const before = fetchedPages(srv.paths()).length;
    const second = await run(`${srv.url}/`, { storedHashes });
    const refetched = fetchedPages(srv.paths()).slice(before);
    expect(refetched).toContain(new URL(pages[1]!.url).pathname);
    expect(refetched).not.toContain(new URL(pages[0]!.url).pathname);
    expect(second.filter((e) => e.type === "page")).toHaveLength(4);
    await srv.close();
  });

  it("an interrupted crawl continues where it stopped: finished pages are not fetched again", async () => {
    const srv = await site();
    const first = await run(`${srv.url}/`, {}, 2);
    expect(first.filter((e) => e.type === "page")).toHaveLength(2);
    const before = fetchedPages(srv.paths()).length;
    const second = await run(`${srv.url}/`);
    const refetched = fetchedPages(srv.paths()).slice(before);
    expect(second.filter((e) => e.type === "page")).toHaveLength(3);
    for (const e of first)
      if (e.type === "page") expect(refetched).not.toContain(new URL(e.page.url).pathname);
    await srv.close();
  });

  it("an interrupted crawl tries again the URLs that failed for a passing reason, not the others", async () => {
    let slow = true;
    const routes: Record<string, (req: import("node:http").IncomingMessage, res: ServerResponse) => void> =
      {};
    for (const path of PAGES) {
      routes[path] = (_req, res) => {
        if (path === "/b.html") return void res.writeHead(403).end();
        // Hangs past the request timeout in the first run (the reason it was stopped, say).
        if (path === "/c.html" && slow) return void setTimeout(() => res.writeHead(200).end("late"), 1500);
        res.writeHead(200, { "content-type": "text/html" }).end(htmlPage(`Page ${path}`, PAGES));
      };
    }
    const srv = await routeServer(routes);
    const first = await run(`${srv.url}/`, { requestTimeoutMs: 300 }, 4);
    const outcome = (events: CrawlEvent[]) =>
      Object.fromEntries(
        events.map((e) => [
          new URL(e.type === "page" ? e.page.url : e.url).pathname,
          e.type === "page" ? "page" : e.code,
        ]),
      );
    expect(outcome(first)).toMatchObject({ "/": "page", "/a.html": "page", "/c.html": "TIMEOUT" });
    slow = false;
    const second = outcome(await run(`${srv.url}/`, { requestTimeoutMs: 300 }));
    expect(second["/c.html"]).toBe("page");
    expect(second["/d.html"]).toBe("page");
    expect(second["/b.html"]).toBeUndefined(); // refused (403): asking again changes nothing
    await srv.close();
  });

  it("a re-crawl sends If-None-Match, reports unchanged pages, and reports gone pages", async () => {
    const gone = new Set<string>();
    const srv = await site(gone);
    await run(`${srv.url}/`);
    gone.add("/d.html");
    const events = await run(`${srv.url}/`);
    const byPath = Object.fromEntries(
      events.map((e) => [
        new URL(e.type === "page" ? e.page.url : e.url).pathname,
        e.type === "page" ? "page" : e.code,
      ]),
    );
    expect(byPath).toEqual({
      "/": "UNCHANGED",
      "/a.html": "UNCHANGED",
      "/b.html": "UNCHANGED",
      "/c.html": "UNCHANGED",
      "/d.html": "NOT_FOUND",
    });
    const conditional = srv.requests.filter((r) => r.headers["if-none-match"]);
    expect(conditional.length).toBe(5);
    await srv.close();
  });

  it("--fresh starts over", async () => {
    const srv = await site();
    await run(`${srv.url}/`);
    const events = await run(`${srv.url}/`, { fresh: true });
    expect(events.filter((e) => e.type === "page")).toHaveLength(5);
    await srv.close();
  });
});
