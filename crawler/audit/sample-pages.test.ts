import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { htmlPage, routeServer } from "../../test/helpers/route-server.js";
import { createAuditFetch } from "./audit-fetch.js";
import { samplePages } from "./sample-pages.js";

const limits = { userAgent: "agentweb-test", timeoutMs: 5_000, maxBytes: 1_000_000 };

describe("samplePages", () => {
  it("takes pages in queue order whatever order responses arrive in, and requests no more than it keeps", async () => {
    // Earlier pages answer slower: read-ahead responses arrive before the page taken first.
    const page =
      (title: string, links: string[], delay: number) => (_req: IncomingMessage, res: ServerResponse) =>
        void setTimeout(
          () => res.writeHead(200, { "content-type": "text/html" }).end(htmlPage(title, links)),
          delay,
        );
    const srv = await routeServer({
      "/": page("Home", ["/a.html", "/b.html", "/c.html", "/d.html"], 0),
      "/a.html": page("A", ["/a1.html", "/a2.html"], 120),
      "/b.html": page("B", ["/b1.html"], 80),
      "/c.html": page("C", [], 40),
      "/d.html": page("D", ["/d1.html"], 0),
      "/a1.html": page("A1", [], 0),
      "/a2.html": page("A2", [], 0),
      "/b1.html": page("B1", [], 0),
      "/d1.html": page("D1", [], 0),
    });
    try {
      const offered: string[] = [];
      const pages = await samplePages({
        startUrl: `${srv.url}/`,
        seeds: [`${srv.url}/d.html`],
        get: createAuditFetch(limits),
        maxPages: 7,
        onPage: (p) => offered.push(new URL(p.url).pathname),
      });
      const order = ["/", "/d.html", "/a.html", "/b.html", "/c.html", "/d1.html", "/a1.html"];
      expect(pages.map((p) => new URL(p.url).pathname)).toEqual(order);
      expect(offered).toEqual(order);
      expect(srv.paths().sort()).toEqual([...order].sort());
    } finally {
      await srv.close();
    }
  });
});
