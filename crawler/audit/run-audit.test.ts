import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { htmlPage, routeServer } from "../../test/helpers/route-server.js";
import { createAuditFetch } from "./audit-fetch.js";
import { runAudit } from "./run-audit.js";

const limits = { userAgent: "agentweb-test", timeoutMs: 5_000, maxBytes: 1_000_000 };

function smallSite(robots: string) {
  const html = (body: string) => (_req: IncomingMessage, res: ServerResponse) =>
    void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
  return routeServer({
    "/": html(htmlPage("Home", ["/a.html", "/b.html"])),
    "/a.html": html(htmlPage("A", ["/", "/gone.html"])),
    "/b.html": html(htmlPage("B", ["/"])),
    "/robots.txt": (_req, res) => void res.writeHead(200, { "content-type": "text/plain" }).end(robots),
  });
}

/**
 * Pacing reserves each request's start a delay after the previous one's: however late a busy event
 * loop lets them go, the n-th request cannot arrive before (n - 1) delays from the first reservation.
 * Gaps between two arrivals are not bounded that way (a late request bunches up with the next).
 */
const spanOf = (at: number[], from: number) => Math.max(...at) - from;

describe("runAudit politeness", () => {
  it("spaces its requests by delayMs, as a crawl does", async () => {
    const srv = await smallSite("User-agent: *\nAllow: /\n");
    try {
      const started = Date.now();
      const { report } = await runAudit({
        startUrl: `${srv.url}/`,
        maxPages: 10,
        get: createAuditFetch({ ...limits, origin: srv.url }),
        delayMs: 80,
        limits,
      });
      expect(report.pages.map((p) => new URL(p.url).pathname)).toEqual([
        "/",
        "/a.html",
        "/b.html",
        "/gone.html",
      ]);
      const n = srv.requests.length;
      expect(n).toBeGreaterThan(8);
      expect(
        spanOf(
          srv.requests.map((r) => r.at),
          started,
        ),
      ).toBeGreaterThanOrEqual((n - 1) * 80);
    } finally {
      await srv.close();
    }
  });

  it("honours the site's Crawl-delay once it has read robots.txt", async () => {
    const srv = await smallSite("User-agent: *\nCrawl-delay: 0.2\nAllow: /\n");
    try {
      await runAudit({
        startUrl: `${srv.url}/`,
        maxPages: 10,
        get: createAuditFetch({ ...limits, origin: srv.url }),
        delayMs: 0,
        limits,
      });
      // The request after robots.txt was already due; each one after it waits for the Crawl-delay.
      const robots = srv.requests.findIndex((r) => r.path === "/robots.txt");
      const after = srv.requests.slice(robots + 1).map((r) => r.at);
      expect(after.length).toBeGreaterThan(8);
      expect(spanOf(after, srv.requests[robots]!.at)).toBeGreaterThanOrEqual((after.length - 1) * 200);
    } finally {
      await srv.close();
    }
  });

  it("fails with UNREACHABLE when the start URL does not answer", async () => {
    await expect(
      runAudit({ startUrl: "http://127.0.0.1:9/", maxPages: 5, get: createAuditFetch(limits), limits }),
    ).rejects.toMatchObject({ code: "UNREACHABLE" });
  });
});
