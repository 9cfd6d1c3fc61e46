import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { testCrawlOptions } from "../../test/helpers/crawl-options.js";
import { htmlPage, routeServer } from "../../test/helpers/route-server.js";
import { type CrawlEvent, type CrawlOptions, crawl } from "../crawl.js";
import { twinMatches } from "./markdown-twin.js";

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

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const html =
  (body: string): Handler =>
  (_q, r) =>
    void r.writeHead(200, { "content-type": "text/html" }).end(body);
const md =
  (body: string, type = "text/markdown"): Handler =>
  (_q, r) =>
    void r.writeHead(200, { "content-type": type }).end(body);

let close: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(close.map((c) => c()));
  close = [];
});
async function crawlSite(routes: Record<string, Handler>, path = "/", extra: Partial<CrawlOptions> = {}) {
  const srv = await routeServer(routes);
  close.push(srv.close);
  const events: CrawlEvent[] = [];
  for await (const e of crawl(testCrawlOptions({ ...BASE, startUrl: `${srv.url}${path}`, ...extra })))
    events.push(e);
  const pages = Object.fromEntries(
    events.flatMap((e) => (e.type === "page" ? [[new URL(e.page.url).pathname, e.page]] : [])),
  );
  return { srv, events, pages };
}

describe("markdown twins and llms.txt", () => {
  it("prefers a matching page.html.md twin, keeps the HTML title", async () => {
    const { pages } = await crawlSite({
      "/": html(htmlPage("Home", ["/retries.html"])),
      "/index.html.md": md("# Home\n\nThe home page, as markdown."),
      "/retries.html": html(htmlPage("Retries")),
      "/retries.html.md": md("# Retries\n\nJobs are retried with backoff.", "text/plain"),
    });
    expect(pages["/retries.html"]).toMatchObject({
      fetchedVia: "md-twin",
      title: "Retries",
      markdown: "# Retries\n\nJobs are retried with backoff.",
    });
    expect(pages["/"]?.fetchedVia).toBe("md-twin");
  });

  it("follows <link rel=alternate type=text/markdown>, refuses a twin that is another page", async () => {
    const { pages } = await crawlSite({
      "/": html(
        htmlPage("Home", ["/b.html"], '<link rel="alternate" type="text/markdown" href="/md/home.md">'),
      ),
      "/md/home.md": md("# Home\n\nDeclared twin."),
      "/b.html": html(
        htmlPage("Scheduling", [], '<link rel="alternate" type="text/markdown" href="/md/b.md">'),
      ),
      "/md/b.md": md("# Page not found\n\nSorry."),
    });
    expect(pages["/"]).toMatchObject({ fetchedVia: "md-twin", markdown: "# Home\n\nDeclared twin." });
    expect(pages["/b.html"]?.fetchedVia).toBe("http");
  });

  it("records md-negotiated when the server answers Accept: text/markdown", async () => {
    const { pages } = await crawlSite({
      "/": (req, res) =>
        req.headers.accept?.startsWith("text/markdown")
          ? void res
              .writeHead(200, { "content-type": "text/markdown", vary: "accept" })
              .end("# Home\n\nNegotiated.")
          : void res.writeHead(200, { "content-type": "text/html" }).end(htmlPage("Home")),
    });
    expect(pages["/"]).toMatchObject({ fetchedVia: "md-negotiated", markdown: "# Home\n\nNegotiated." });
  });

  it("--from-llms-txt seeds the crawl from llms.txt; listed .md files are llms.txt-md under the page URL", async () => {
    const { pages, srv } = await crawlSite(
      {
        "/docs/": html(htmlPage("Docs")),
        "/docs/llms.txt": md(
          "# Quiver\n\n> Jobs.\n\n## Docs\n\n- [Unlinked](/docs/unlinked.html.md): not linked from any page\n",
          "text/plain",
        ),
        "/docs/unlinked.html.md": md("# Unlinked\n\nOnly llms.txt knows me."),
      },
      "/docs/",
      { fromLlmsTxt: true },
    );
    expect(pages["/docs/unlinked.html"]).toMatchObject({
      fetchedVia: "llms.txt-md",
      markdown: "# Unlinked\n\nOnly llms.txt knows me.",
    });
    expect(srv.paths()).not.toContain("/docs/unlinked.html");
  });

  it("stops probing for .md twins on a site that has none", async () => {
    const links = Array.from({ length: 8 }, (_, i) => `/p${i}.html`);
    const routes: Record<string, Handler> = { "/": html(htmlPage("Home", links)) };
    for (const l of links) routes[l] = html(htmlPage(`Page ${l}`));
    const { srv, pages } = await crawlSite(routes);
    expect(Object.keys(pages)).toHaveLength(9);
    expect(srv.paths().filter((p) => p.endsWith(".md"))).toHaveLength(3);
  });

  it.each([
    ["Retries – Quiver docs", "# Retries\n\ntext", true],
    ["Retries – Quiver docs", "# Page not found", false],
    ["Retries", "<!doctype html><title>Retries</title>", false],
    ["", "# Anything", true],
  ])("twinMatches(%j, %j) → %s", (title, markdown, expected) => {
    expect(twinMatches(title, markdown)).toBe(expected);
  });
});
