import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { testCrawlOptions } from "../../test/helpers/crawl-options.js";
import { htmlPage } from "../../test/helpers/route-server.js";
import { crawl } from "../crawl.js";
import { createConnectionPool } from "./connection-pool.js";
import { createEgressGuard } from "./egress-guard.js";
import { httpFetch } from "./http-fetch.js";

/** A loopback site of `pages` linked pages that counts the TCP connections it accepts and has open. */
async function countingSite(pages: number, delayMs = 0) {
  const open = new Set<Socket>();
  let accepted = 0;
  const links = Array.from({ length: pages }, (_, i) => `/p${i}.html`);
  const server: Server = createServer((req, res) => {
    const send = () => {
      if (req.url === "/robots.txt") return void res.writeHead(404).end();
      if (req.url === "/redirect") return void res.writeHead(302, { location: "http://127.0.0.2:9/" }).end();
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(htmlPage(`Page ${req.url}`, req.url === "/" ? links : []));
    };
    setTimeout(send, delayMs);
  });
  server.on("connection", (socket) => {
    accepted++;
    open.add(socket);
    socket.on("close", () => open.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    accepted: () => accepted,
    open: () => open.size,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

let sites: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(sites.map((s) => s.close()));
  sites = [];
});

const until = async (ok: () => boolean, ms = 2_000) => {
  for (const end = Date.now() + ms; !ok() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
};

describe("keep-alive connection pool", () => {
  it("reuses one connection for sequential requests and closes it on close()", async () => {
    const site = await countingSite(0);
    sites.push(site);
    const pool = createConnectionPool({ maxSocketsPerHost: 2 });
    for (let i = 0; i < 10; i++)
      expect((await httpFetch(`${site.url}/p${i}`, { agents: pool })).status).toBe(200);
    expect(site.accepted()).toBe(1);
    pool.close();
    await until(() => site.open() === 0);
    expect(site.open()).toBe(0);
  });

  it("opens at most maxSocketsPerHost connections to a host", async () => {
    const site = await countingSite(0, 30);
    sites.push(site);
    const pool = createConnectionPool({ maxSocketsPerHost: 2 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => httpFetch(`${site.url}/p${i}`, { agents: pool })));
    expect(site.accepted()).toBe(2);
    pool.close();
  });

  it("still checks every hop with the egress guard on a reused connection", async () => {
    const site = await countingSite(0);
    sites.push(site);
    const pool = createConnectionPool({ maxSocketsPerHost: 2 });
    const guard = createEgressGuard({ allowCidrs: ["127.0.0.1/32"] });
    const guarded = {
      agents: pool,
      lookup: guard.lookup,
      checkHop: (u: URL) => guard.check(u).then(() => {}),
    };
    expect((await httpFetch(`${site.url}/p0`, guarded)).status).toBe(200);
    await expect(httpFetch(`${site.url}/redirect`, guarded)).rejects.toMatchObject({
      code: "EGRESS_BLOCKED",
    });
    expect(site.accepted()).toBe(1);
    pool.close();
  });

  it("a crawl reuses its connections and leaves none open when it ends", async () => {
    const site = await countingSite(30);
    sites.push(site);
    const pages: string[] = [];
    for await (const e of crawl(
      testCrawlOptions({
        startUrl: `${site.url}/`,
        maxPages: 40,
        maxDepth: 3,
        include: [],
        exclude: [],
        concurrency: 3,
        requestTimeoutMs: 5_000,
        maxBodyBytes: 1e6,
        userAgent: "agentweb-test",
        delayMs: 0,
        render: "never",
        sitemaps: false,
        markdownTwins: false,
      }),
    ))
      if (e.type === "page") pages.push(e.page.url);
    expect(pages).toHaveLength(31);
    // Workers, plus robots.txt and the background reads: never one connection per request.
    expect(site.accepted()).toBeLessThanOrEqual(3 + 2);
    await until(() => site.open() === 0);
    expect(site.open()).toBe(0);
  });
});
