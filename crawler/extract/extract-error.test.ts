/**
 * A rule that throws is a bug: extraction reports it (an `error:extract` removal with the error),
 * and a crawl fails the page with EXTRACT_FAILED instead of storing a blank one. The fault is
 * injected into one real rule (tab labels) for pages that carry a marker; every other rule runs as is.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { testCrawlOptions } from "../../test/helpers/crawl-options.js";
import { htmlPage, routeServer } from "../../test/helpers/route-server.js";
import { type CrawlEvent, crawl } from "../crawl.js";
import { extractPage } from "./extract-page.js";

vi.mock("./tab-labels.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("./tab-labels.js")>();
  return {
    ...real,
    labelTabPanels: (doc: Document) => {
      if (doc.querySelector("[data-explode]")) throw new RangeError("tab rule exploded");
      real.labelTabPanels(doc);
    },
  };
});

const prose = "<p>Retries back off exponentially, with jitter, up to the configured ceiling.</p>".repeat(4);
const page = (marker: string) =>
  `<html><head><title>Retries</title></head><body><main${marker}><h1>Retries</h1>${prose}</main></body></html>`;

describe("an extraction rule that throws", () => {
  it("is reported with its error, not turned into an empty page without a word", () => {
    const broken = extractPage(page(" data-explode"), "https://x.dev/retries.html");
    expect(broken.markdown).toBe("");
    expect(broken.removed).toContainEqual({
      reason: "error:extract",
      target: "RangeError: tab rule exploded",
      chars: 0,
    });
    const fine = extractPage(page(""), "https://x.dev/retries.html");
    expect(fine.markdown).toContain("# Retries");
    expect(fine.removed.map((r) => r.reason)).not.toContain("error:extract");
  });

  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  it("fails the page in a crawl with EXTRACT_FAILED and the error, and the crawl goes on", async () => {
    const html = (body: string) => (_q: IncomingMessage, r: ServerResponse) =>
      void r.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
    const srv = await routeServer({
      "/": html(htmlPage("Home", ["/broken.html", "/fine.html"])),
      "/broken.html": html(page(" data-explode")),
      "/fine.html": html(page("")),
    });
    servers.push(srv);
    const events: CrawlEvent[] = [];
    const options = testCrawlOptions({
      startUrl: `${srv.url}/`,
      delayMs: 0,
      render: "never",
      sitemaps: false,
    });
    for await (const e of crawl(options)) events.push(e);
    const broken = events.find((e) => e.type !== "page" && e.url.endsWith("/broken.html"));
    expect(broken).toMatchObject({ type: "failed", code: "EXTRACT_FAILED" });
    expect(broken?.type === "failed" && broken.message).toContain("RangeError: tab rule exploded");
    expect(events.some((e) => e.type === "page" && e.page.url.endsWith("/fine.html"))).toBe(true);
  });
});
