import { describe, expect, it } from "vitest";
import { routeServer } from "../../test/helpers/route-server.js";
import { statusOf } from "../fetch/safe-get.js";
import { createAuditFetch } from "./audit-fetch.js";
import { createSharedFetch } from "./shared-fetch.js";

const limits = { userAgent: "agentweb-test", timeoutMs: 5_000, maxBytes: 100_000 };

describe("createSharedFetch", () => {
  it("requests a URL once per Accept header and shares the response between callers", async () => {
    const srv = await routeServer(
      {},
      (_req, res) => void res.writeHead(200, { "content-type": "text/plain" }).end("ok"),
    );
    try {
      const shared = createSharedFetch(createAuditFetch(limits), { delayMs: 0, concurrency: 4 });
      const [a, b, c] = await Promise.all([
        shared.get(`${srv.url}/a`),
        shared.get(`${srv.url}/a`),
        shared.get(`${srv.url}/a`, { "User-Agent": "other" }),
      ]);
      expect(statusOf(a)).toBe(200);
      expect(b).toBe(a);
      expect(c).toBe(a);
      const md = await shared.get(`${srv.url}/a`, { accept: "text/markdown" });
      expect(md).not.toBe(a);
      expect(srv.requests.map((r) => `${r.headers.accept} ${r.path}`)).toEqual([
        "text/html,*/*;q=0.8 /a",
        "text/markdown /a",
      ]);
    } finally {
      await srv.close();
    }
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    let open = 0;
    let most = 0;
    const srv = await routeServer({}, (_req, res) => {
      most = Math.max(most, ++open);
      setTimeout(() => {
        open--;
        res.writeHead(200).end("ok");
      }, 80);
    });
    try {
      const shared = createSharedFetch(createAuditFetch(limits), { delayMs: 0, concurrency: 2 });
      await Promise.all(Array.from({ length: 8 }, (_, i) => shared.get(`${srv.url}/p${i}`)));
      expect(srv.requests).toHaveLength(8);
      expect(most).toBe(2);
    } finally {
      await srv.close();
    }
  });

  it("spaces request starts on the audited host by delayMs, raised by Crawl-delay, and does not pace other origins", async () => {
    const srv = await routeServer({}, (_req, res) => void res.writeHead(200).end("ok"));
    try {
      const shared = createSharedFetch(createAuditFetch({ ...limits, origin: srv.url }), {
        delayMs: 100,
        concurrency: 4,
        origin: srv.url,
      });
      // Reserved starts: the n-th request cannot arrive before (n - 1) delays after the first call,
      // however late a busy event loop lets each one go.
      const started = Date.now();
      const [offsite] = await Promise.all([
        shared.get("http://127.0.0.2:9/elsewhere"),
        ...Array.from({ length: 4 }, (_, i) => shared.get(`${srv.url}/p${i}`)),
      ]);
      expect(offsite).toMatchObject({ ok: false, code: "OUT_OF_SCOPE" });
      expect(srv.requests).toHaveLength(4);
      expect(Math.max(...srv.requests.map((r) => r.at)) - started).toBeGreaterThanOrEqual(300);
      shared.setHostDelay(new URL(srv.url).host, 250);
      const raised = Date.now();
      await Promise.all([shared.get(`${srv.url}/q1`), shared.get(`${srv.url}/q2`)]);
      expect(srv.requests.at(-1)!.at - raised).toBeGreaterThanOrEqual(250);
    } finally {
      await srv.close();
    }
  });
});
