import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { routeServer } from "../../test/helpers/route-server.js";
import { createFetcher } from "./fetcher.js";
import { createHostGate } from "./politeness.js";
import { createRobotsCache } from "./robots-cache.js";

let srv: Awaited<ReturnType<typeof routeServer>> | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});
const fetcher = () =>
  createFetcher({
    userAgent: "agentweb",
    gate: createHostGate({ delayMs: 0 }),
    timeoutMs: 3000,
    maxBodyBytes: 1e6,
    retries: 0,
    maxRetryAfterMs: 0,
    backoffBaseMs: 1,
  });
const redirects = (n: number) => {
  const routes: Record<string, (q: unknown, r: ServerResponse) => void> = {};
  for (let i = 0; i < n; i++) {
    const from = i === 0 ? "/robots.txt" : `/r${i}`;
    routes[from] = (_q, r) => void r.writeHead(301, { location: `/r${i + 1}` }).end();
  }
  routes[`/r${n}`] = (_q, r) =>
    void r.writeHead(200, { "content-type": "text/plain" }).end("User-agent: *\nDisallow: /x\n");
  return routes;
};

describe("robots.txt fetching (RFC 9309 §2.3.1)", () => {
  it.each([
    // [what the server does, is /x allowed, is /y allowed]
    [
      "200 with rules",
      {
        "/robots.txt": (_q: unknown, r: ServerResponse) =>
          void r.writeHead(200).end("User-agent: *\nDisallow: /x\n"),
      },
      false,
      true,
    ],
    ["404", {}, true, true],
    ["401", { "/robots.txt": (_q: unknown, r: ServerResponse) => void r.writeHead(401).end() }, true, true],
    [
      "429 counts as unreachable",
      { "/robots.txt": (_q: unknown, r: ServerResponse) => void r.writeHead(429).end() },
      false,
      false,
    ],
    ["500", { "/robots.txt": (_q: unknown, r: ServerResponse) => void r.writeHead(500).end() }, false, false],
    ["503", { "/robots.txt": (_q: unknown, r: ServerResponse) => void r.writeHead(503).end() }, false, false],
    ["5 redirects are followed", redirects(5), false, true],
    ["6 redirects: unavailable, allow all", redirects(6), true, true],
  ])("%s", async (_name, routes, x, y) => {
    srv = await routeServer(routes as never);
    const robots = createRobotsCache({ fetcher: fetcher(), userAgent: "agentweb/0.1" });
    const { policy } = await robots.forUrl(`${srv.url}/anything`);
    expect([policy.isAllowed("/x"), policy.isAllowed("/y"), policy.isAllowed("/robots.txt")]).toEqual([
      x,
      y,
      true,
    ]);
  });

  it("an unreachable host disallows all and is flagged unreachable", async () => {
    srv = await routeServer({});
    const url = srv.url;
    await srv.close();
    srv = undefined;
    const outcome = await createRobotsCache({ fetcher: fetcher(), userAgent: "agentweb" }).forUrl(`${url}/`);
    expect(outcome).toMatchObject({ unreachable: true });
    expect(outcome.policy.isAllowed("/")).toBe(false);
  });

  it("caches per origin for up to 24 hours", async () => {
    srv = await routeServer({
      "/robots.txt": (_q, r) => void r.writeHead(200).end("User-agent: *\nAllow: /\n"),
    });
    let now = 0;
    const robots = createRobotsCache({ fetcher: fetcher(), userAgent: "agentweb", now: () => now });
    await robots.forUrl(`${srv.url}/a`);
    await robots.forUrl(`${srv.url}/b`);
    now = 23 * 3600_000;
    await robots.forUrl(`${srv.url}/c`);
    expect(srv.paths().filter((p) => p === "/robots.txt")).toHaveLength(1);
    now = 25 * 3600_000;
    await robots.forUrl(`${srv.url}/d`);
    expect(srv.paths().filter((p) => p === "/robots.txt")).toHaveLength(2);
  });
});
