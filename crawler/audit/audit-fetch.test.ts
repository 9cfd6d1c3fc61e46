import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createAuditFetch } from "./audit-fetch.js";

describe("createAuditFetch", () => {
  it("requests only the audited origin and never throws", async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? "");
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const get = createAuditFetch({ userAgent: "t", timeoutMs: 5_000, maxBytes: 1_000, origin });
      const own = await get(`${origin}/a`);
      expect(own).toMatchObject({ ok: true, status: 200, finalUrl: `${origin}/a` });
      const other = await get("http://127.0.0.2:9/elsewhere");
      expect(other).toMatchObject({ ok: false, code: "OUT_OF_SCOPE" });
      const down = await createAuditFetch({ userAgent: "t", timeoutMs: 2_000, maxBytes: 1_000 })(
        "http://127.0.0.1:9/",
      );
      expect(down).toMatchObject({ ok: false, code: "FETCH_FAILED", error: "ECONNREFUSED" });
      expect(hits).toEqual(["/a"]);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  it("times the site, not this thread: a fast response read late because the thread was busy is fast", async () => {
    const server = createServer((req, res) => {
      const delay = req.url === "/slow" ? 600 : 0;
      setTimeout(() => res.writeHead(200, { "content-type": "text/plain" }).end("ok"), delay);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const get = createAuditFetch({ userAgent: "t", timeoutMs: 5_000, maxBytes: 1_000, origin });
      await get(`${origin}/fast`); // warm the connection pool and the code paths
      const slow = await get(`${origin}/slow`);
      expect(slow.ms).toBeGreaterThanOrEqual(550);
      const fast = get(`${origin}/fast`);
      // Another page being extracted: the thread does not read the response for 600 ms.
      const until = performance.now() + 600;
      while (performance.now() < until);
      expect((await fast).ms).toBeLessThan(300);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});
