import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeServer } from "../../test/helpers/route-server.js";
import { createFetcher } from "./fetcher.js";
import { backoffMs, createHostGate, retryAfterMs } from "./politeness.js";

describe("politeness primitives", () => {
  it.each([
    ["120", 120_000],
    ["0", 0],
    ["Wed, 21 Oct 2015 07:28:10 GMT", 10_000],
    ["soon", undefined],
    [undefined, undefined],
  ])("Retry-After %s → %s ms", (header, ms) => {
    expect(retryAfterMs(header, Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(ms);
  });

  it("backs off exponentially with jitter, capped", () => {
    expect(backoffMs(0, { baseMs: 100, random: () => 0 })).toBe(50);
    expect(backoffMs(3, { baseMs: 100, random: () => 1 })).toBe(800);
    expect(backoffMs(20, { baseMs: 100, maxMs: 5000, random: () => 1 })).toBe(5000);
  });

  it("spaces request starts per host by the larger of the crawl delay and Crawl-delay", async () => {
    let t = 0;
    const waits: number[] = [];
    const gate = createHostGate({ delayMs: 100, now: () => t, sleep: async (ms) => void waits.push(ms) });
    await Promise.all([gate.acquire("a"), gate.acquire("a"), gate.acquire("b")]);
    expect(waits).toEqual([100]);
    gate.setHostDelay("a", 2000);
    t = 150;
    await gate.acquire("a"); // slot reserved at 200 under the old 100 ms interval
    await gate.acquire("a"); // the next one 2000 ms after it
    expect(waits).toEqual([100, 50, 2050]);
    gate.pauseUntil("b", 5000); // Retry-After on b
    await gate.acquire("b");
    expect(waits.at(-1)).toBe(4850);
  });
});

describe("fetcher retries and Retry-After", () => {
  let srv: Awaited<ReturnType<typeof routeServer>>;
  let flaky = 0;
  beforeAll(async () => {
    srv = await routeServer({
      "/limited": (_q, r) => {
        const hits = srv.requests.filter((x) => x.path === "/limited").length;
        if (hits === 1) r.writeHead(429, { "retry-after": "1" }).end();
        else r.writeHead(200, { "content-type": "text/plain" }).end("ok");
      },
      "/flaky": (_q, r) => (++flaky < 3 ? r.writeHead(503).end() : r.writeHead(200).end("ok")),
      "/broken": (_q, r) => r.writeHead(500).end(),
      "/missing": (_q, r) => r.writeHead(404).end(),
      "/forbidden": (_q, r) => r.writeHead(403).end(),
      "/long-wait": (_q, r) => r.writeHead(503, { "retry-after": "3600" }).end(),
      "/reset": (req) => req.socket.destroy(),
    });
  });
  afterAll(() => srv.close());
  const fetcher = () =>
    createFetcher({
      userAgent: "agentweb-test",
      gate: createHostGate({ delayMs: 0 }),
      timeoutMs: 5000,
      maxBodyBytes: 1e6,
      retries: 2,
      maxRetryAfterMs: 10_000,
      backoffBaseMs: 20,
    });
  const count = (path: string) => srv.requests.filter((r) => r.path === path);

  it("sends no request before the Retry-After deadline", async () => {
    const res = await fetcher().get(`${srv.url}/limited`);
    expect(res.status).toBe(200);
    const [first, second] = count("/limited");
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
  });

  it("retries transient 5xx with backoff", async () => {
    const res = await fetcher().get(`${srv.url}/flaky`);
    expect(res).toMatchObject({ status: 200, attempts: 3 });
  });

  it("gives up after the retries and returns the last answer", async () => {
    expect((await fetcher().get(`${srv.url}/broken`)).status).toBe(500);
    expect(count("/broken")).toHaveLength(3);
  });

  it.each(["/missing", "/forbidden"])("never retries a permanent answer (%s)", async (path) => {
    await fetcher().get(`${srv.url}${path}`);
    expect(count(path)).toHaveLength(1);
  });

  it("fails as RATE_LIMITED when Retry-After asks for longer than we wait", async () => {
    await expect(fetcher().get(`${srv.url}/long-wait`)).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("retries a connection reset, then fails", async () => {
    await expect(fetcher().get(`${srv.url}/reset`)).rejects.toMatchObject({ code: "FETCH_FAILED" });
    expect(count("/reset")).toHaveLength(3);
  });
});
