import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { testCrawlOptions } from "../test/helpers/crawl-options.js";
import { htmlPage, routeServer } from "../test/helpers/route-server.js";
import { type CrawlEvent, type CrawlOptions, crawl } from "./crawl.js";

const BASE = {
  maxPages: 50,
  maxDepth: 10,
  include: [],
  exclude: [],
  concurrency: 2,
  requestTimeoutMs: 5000,
  maxBodyBytes: 1_000_000,
  userAgent: "agentweb/0.1 (+test)",
  delayMs: 0,
  render: "never",
  backoffBaseMs: 10,
} satisfies Partial<CrawlOptions>;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const html =
  (body: string, headers: Record<string, string> = {}): Handler =>
  (_q, r) =>
    void r.writeHead(200, { "content-type": "text/html; charset=utf-8", ...headers }).end(body);
const text =
  (type: string, body: string | Buffer): Handler =>
  (_q, r) =>
    void r.writeHead(200, { "content-type": type }).end(body);
const status =
  (code: number): Handler =>
  (_q, r) =>
    void r.writeHead(code).end();

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function serve(routes: Record<string, Handler>) {
  const srv = await routeServer(routes);
  servers.push(srv);
  return srv;
}
async function run(options: Partial<CrawlOptions> & { startUrl: string }): Promise<CrawlEvent[]> {
  const events: CrawlEvent[] = [];
  for await (const e of crawl(testCrawlOptions({ ...BASE, ...options }))) events.push(e);
  return events;
}
/** Deterministic noise: SHA-256 blocks chained from a fixed seed. */
function pseudoRandomBytes(n: number): Buffer {
  const blocks: Buffer[] = [];
  for (let block = createHash("sha256").update("seed").digest(); blocks.length * 32 < n; ) {
    blocks.push(block);
    block = createHash("sha256").update(block).digest();
  }
  return Buffer.concat(blocks).subarray(0, n);
}
const summary = (events: CrawlEvent[]) =>
  Object.fromEntries(
    events.map((e) => [
      new URL(e.type === "page" ? e.page.url : e.url).pathname,
      e.type === "page" ? `page:${e.page.fetchedVia}` : e.code,
    ]),
  );

describe("crawl: robots.txt", () => {
  it("a 5xx robots.txt fetches no page at all", async () => {
    const srv = await serve({ "/robots.txt": status(503), "/": html(htmlPage("Home")) });
    const events = await run({ startUrl: `${srv.url}/`, retries: 0 });
    expect(summary(events)).toEqual({ "/": "ROBOTS_DISALLOWED" });
    expect([...new Set(srv.paths())]).toEqual(["/robots.txt"]); // retried once, then disallow all
  });

  it("checks robots.txt for redirect targets too", async () => {
    const srv = await serve({
      "/robots.txt": text("text/plain", "User-agent: *\nDisallow: /private\n"),
      "/": html(htmlPage("Home", ["/moved"])),
      "/moved": (_q, r) => void r.writeHead(301, { location: "/private/x.html" }).end(),
    });
    const events = await run({ startUrl: `${srv.url}/`, markdownTwins: false, sitemaps: false });
    expect(summary(events)).toEqual({ "/": "page:http", "/moved": "ROBOTS_DISALLOWED" });
    expect(srv.paths()).not.toContain("/private/x.html");
  });

  it("a 404 robots.txt allows everything; Disallow rules are obeyed without requesting the page", async () => {
    const srv = await serve({
      "/robots.txt": text("text/plain", "User-agent: *\nDisallow: /private\n"),
      "/": html(htmlPage("Home", ["/a.html", "/private/secret.html"])),
      "/a.html": html(htmlPage("A")),
    });
    const events = await run({ startUrl: `${srv.url}/` });
    expect(summary(events)).toEqual({
      "/": "page:http",
      "/a.html": "page:http",
      "/private/secret.html": "ROBOTS_DISALLOWED",
    });
    expect(srv.paths()).not.toContain("/private/secret.html");
  });

  it("honours Crawl-delay between requests", async () => {
    const srv = await serve({
      "/robots.txt": text("text/plain", "User-agent: agentweb\nCrawl-delay: 1\n"),
      "/": html(htmlPage("Home", ["/a.html"])),
      "/a.html": html(htmlPage("A")),
    });
    await run({ startUrl: `${srv.url}/`, markdownTwins: false });
    const after = srv.requests.filter((r) => r.path !== "/robots.txt");
    expect(after.map((r) => r.path)).toEqual(expect.arrayContaining(["/", "/a.html", "/sitemap.xml"]));
    // Spacing is enforced on request starts; arrival at the server jitters on a loaded machine, so
    // the bound tells a 1 s Crawl-delay from the 250 ms default without timing it to the millisecond.
    for (let i = 1; i < after.length; i++)
      expect(after[i]!.at - after[i - 1]!.at).toBeGreaterThanOrEqual(800);
  });

  it("--ignore-robots never asks for robots.txt", async () => {
    const srv = await serve({ "/robots.txt": status(500), "/": html(htmlPage("Home")) });
    const events = await run({ startUrl: `${srv.url}/`, respectRobots: false });
    expect(summary(events)).toEqual({ "/": "page:http" });
    expect(srv.paths()).not.toContain("/robots.txt");
  });
});

describe("crawl: content types, duplicates, traps, opt-outs", () => {
  it("keeps markdown and text as they are, skips PDFs and binaries with a reason", async () => {
    const srv = await serve({
      "/": html(htmlPage("Home", ["/guide.md", "/notes.txt", "/manual", "/blob"])),
      "/guide.md": text("text/markdown; charset=utf-8", "# Guide\n\nKept *as is*. See [notes](notes.txt)."),
      "/notes.txt": text("text/plain", "plain notes"),
      "/manual": text("application/pdf", "%PDF-1.4"),
      "/blob": text("application/octet-stream", Buffer.from([0, 1, 2])),
    });
    const events = await run({ startUrl: `${srv.url}/` });
    expect(summary(events)).toMatchObject({
      "/guide.md": "page:http",
      "/notes.txt": "page:http",
      "/manual": "UNSUPPORTED_CONTENT",
      "/blob": "UNSUPPORTED_CONTENT",
    });
    const guide = events.find((e) => e.type === "page" && e.page.url.endsWith("/guide.md"));
    expect(guide?.type === "page" && guide.page).toMatchObject({
      title: "Guide",
      markdown: "# Guide\n\nKept *as is*. See [notes](notes.txt).",
    });
    const pdf = events.find((e) => e.type === "skipped" && e.url.endsWith("/manual"));
    expect(pdf).toMatchObject({ reason: "not a page (application/pdf)" });
  });

  it("refuses bytes that are not text whatever their Content-Type says, keeps a page with a stray byte", async () => {
    const noise = pseudoRandomBytes(4000);
    // High bytes only: no binary data byte for the sniffer, but nearly nothing decodes as UTF-8.
    const undecodable = Buffer.from(noise.map((b) => 0x80 | b));
    const stray = Buffer.concat([
      Buffer.from(htmlPage("Stray").replace("</h1>", "</h1>caf")),
      Buffer.from([0xe9]),
    ]);
    const srv = await serve({
      "/": html(htmlPage("Home", ["/noise.html", "/high.html", "/stray.html"])),
      "/noise.html": text("text/html", noise),
      "/high.html": text("text/html; charset=utf-8", undecodable),
      "/stray.html": text("text/html; charset=utf-8", stray),
    });
    const events = await run({ startUrl: `${srv.url}/` });
    expect(summary(events)).toEqual({
      "/": "page:http",
      "/noise.html": "UNSUPPORTED_CONTENT",
      "/high.html": "UNSUPPORTED_CONTENT",
      "/stray.html": "page:http",
    });
    const reason = (path: string) =>
      events.flatMap((e) => (e.type === "skipped" && e.url.endsWith(path) ? [e.reason] : []))[0];
    expect(reason("/noise.html")).toBe("not text (text/html): binary data bytes in its first 1445 bytes");
    expect(reason("/high.html")).toMatch(/^not text \(text\/html\): \d+ % of its characters do not decode/);
  });

  it("reports linked PDFs, archives and other files as skipped with their media type, without fetching them", async () => {
    const srv = await serve({
      "/": html(htmlPage("Home", ["/files/manual.pdf", "/files/dist.zip", "/guide.html"])),
      "/guide.html": html(htmlPage("Guide", ["/files/manual.pdf", "/files/logo.PNG"])),
    });
    const events = await run({ startUrl: `${srv.url}/`, maxPages: 2 });
    const skipped = events.flatMap((e) =>
      e.type === "skipped" ? [[new URL(e.url).pathname, e.code, e.reason]] : [],
    );
    expect(skipped).toEqual([
      [
        "/files/manual.pdf",
        "UNSUPPORTED_CONTENT",
        "not a page (application/pdf, by its extension; not fetched)",
      ],
      [
        "/files/dist.zip",
        "UNSUPPORTED_CONTENT",
        "not a page (application/zip, by its extension; not fetched)",
      ],
      ["/files/logo.PNG", "UNSUPPORTED_CONTENT", "not a page (image/png, by its extension; not fetched)"],
    ]);
    // Files take no place in the page budget: both pages were crawled with maxPages 2.
    expect(events.filter((e) => e.type === "page")).toHaveLength(2);
    expect(srv.paths().filter((p) => p.startsWith("/files/"))).toEqual([]);
  });

  it("stores one page per canonical URL and per content", async () => {
    const canonical = (href: string) => `<link rel="canonical" href="${href}">`;
    const srv = await serve({
      "/": html(htmlPage("Home", ["/a.html", "/a-print.html", "/index.html"])),
      "/index.html": html(htmlPage("Home", ["/a.html", "/a-print.html", "/index.html"])),
      "/a.html": html(htmlPage("A", [], canonical("/a.html"))),
      "/a-print.html": html(htmlPage("A printable", [], canonical("/a.html"))),
    });
    const s = summary(await run({ startUrl: `${srv.url}/`, concurrency: 1 }));
    expect(s).toEqual({
      "/": "page:http",
      "/index.html": "DUPLICATE",
      "/a.html": "page:http",
      "/a-print.html": "DUPLICATE",
    });
  });

  it("does not fall into a repeated-segment trap", async () => {
    // Every page links one level deeper, forever.
    const srv = await routeServer({}, (req, res) => {
      const path = req.url ?? "/";
      res.writeHead(200, { "content-type": "text/html" }).end(htmlPage(`Page ${path}`, [`${path}docs/`]));
    });
    servers.push(srv);
    const events = await run({ startUrl: `${srv.url}/`, maxDepth: 100 });
    expect(events.length).toBeLessThanOrEqual(3);
  });

  it("skips noindex pages (meta and X-Robots-Tag) and reports them", async () => {
    const srv = await serve({
      "/": html(htmlPage("Home", ["/meta.html", "/header.html", "/other-bot.html"])),
      "/meta.html": html(htmlPage("Meta", [], '<meta name="robots" content="noindex, follow">')),
      "/header.html": html(htmlPage("Header"), { "x-robots-tag": "noindex" }),
      "/other-bot.html": html(htmlPage("Other"), { "x-robots-tag": "googlebot: noindex" }),
    });
    expect(summary(await run({ startUrl: `${srv.url}/` }))).toEqual({
      "/": "page:http",
      "/meta.html": "NOINDEX",
      "/header.html": "NOINDEX",
      "/other-bot.html": "page:http",
    });
  });

  it("sends --header and --cookie to the crawl's origin only, never across a redirect", async () => {
    const other = await serve({ "/": html(htmlPage("Elsewhere")) });
    const srv = await serve({
      "/": html(htmlPage("Home", ["/away"])),
      "/away": (_q, r) => void r.writeHead(302, { location: `${other.url}/` }).end(),
    });
    await run({
      startUrl: `${srv.url}/`,
      originHeaders: { authorization: "Bearer s3cret" },
      cookie: "sid=1",
    });
    expect(srv.requests.find((r) => r.path === "/")?.headers).toMatchObject({
      authorization: "Bearer s3cret",
      cookie: "sid=1",
    });
    expect(other.requests.length).toBeGreaterThan(0);
    for (const r of other.requests) expect(r.headers.authorization ?? r.headers.cookie).toBeUndefined();
  });

  it("reports a redirect loop and a 5xx page as failed, keeps going", async () => {
    const srv = await serve({
      "/": html(htmlPage("Home", ["/loop", "/down"])),
      "/loop": (_q, r) => void r.writeHead(301, { location: "/loop" }).end(),
      "/down": status(500),
    });
    expect(summary(await run({ startUrl: `${srv.url}/`, retries: 1 }))).toEqual({
      "/": "page:http",
      "/loop": "HTTP_ERROR",
      "/down": "HTTP_ERROR",
    });
  });

  it("with the egress guard, a redirect or link to loopback is refused and never fetched", async () => {
    let port = 0;
    const srv = await serve({
      "/": html(htmlPage("Home", ["/away"])),
      "/away": (_q, r) => void r.writeHead(302, { location: `http://127.0.0.1:${port}/secret` }).end(),
    });
    port = srv.port;
    // docs.test is allow-listed and resolves (fake DNS) to the loopback fixture; the raw IP is not.
    const egress = {
      allowHosts: ["docs.test"],
      resolve: async () => [{ address: "127.0.0.1", family: 4 as const }],
    };
    const events = await run({ startUrl: `http://docs.test:${srv.port}/`, egress });
    expect(summary(events)).toEqual({ "/": "page:http", "/away": "EGRESS_BLOCKED" });
    await expect(run({ startUrl: `${srv.url}/`, egress })).rejects.toMatchObject({ code: "EGRESS_BLOCKED" });
    expect(srv.paths().filter((p) => p.includes("secret"))).toHaveLength(0);
  });
});

describe("crawl: per-prefix budgets", () => {
  it("stops queueing under a prefix once its budget is spent", async () => {
    const api = Array.from({ length: 6 }, (_, i) => `/api/p${i}.html`);
    const routes: Record<string, Handler> = { "/": html(htmlPage("Home", [...api, "/guide.html"])) };
    for (const p of [...api, "/guide.html"]) routes[p] = html(htmlPage(`Page ${p}`));
    const srv = await serve(routes);
    const s = summary(
      await run({ startUrl: `${srv.url}/`, prefixBudgets: { "/api/": 2 }, markdownTwins: false }),
    );
    expect(Object.keys(s).filter((p) => p.startsWith("/api/"))).toHaveLength(2);
    expect(s["/guide.html"]).toBe("page:http");
  });
});

describe("crawl: stopping early", () => {
  it("returns promptly when the consumer breaks, even while sitemaps are still being read", async () => {
    const srv = await serve({
      "/": html(htmlPage("Home", ["/a.html"])),
      "/a.html": html(htmlPage("A")),
      // A sitemap that never answers: the crawl must not wait for it once the consumer is done.
      "/sitemap.xml": () => {},
    });
    const started = Date.now();
    for await (const e of crawl(
      testCrawlOptions({
        ...BASE,
        startUrl: `${srv.url}/`,
        requestTimeoutMs: 30_000,
        markdownTwins: false,
      }),
    )) {
      expect(e.type).toBe("page");
      break;
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
