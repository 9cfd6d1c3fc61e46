import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeServer } from "../../test/helpers/route-server.js";
import { createEgressGuard } from "./egress-guard.js";
import { createFetcher } from "./fetcher.js";
import { createHostGate } from "./politeness.js";
import { createSafeGet, describeGet, settleGet, statusOf } from "./safe-get.js";

const limits = { userAgent: "agentweb-test", timeoutMs: 5_000, maxBytes: 1_000 };

describe("the never-throwing GET", () => {
  let srv: Awaited<ReturnType<typeof routeServer>>;
  beforeAll(async () => {
    srv = await routeServer({
      "/page": (req, r) =>
        void r
          .writeHead(200, { "content-type": "text/html" })
          .end(Buffer.from([...Buffer.from(`<p>${req.headers["user-agent"]} caf`), 0xe9])),
      "/gone": (_q, r) => void r.writeHead(410, { "content-type": "text/plain" }).end("gone"),
      "/big": (_q, r) => void r.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(5_000)),
      "/stall": (_q, r) => void setTimeout(() => r.writeHead(200).end("late"), 3_000),
      "/loop": (_q, r) => void r.writeHead(302, { location: "/loop" }).end(),
      "/to-other": (_q, r) => void r.writeHead(302, { location: "http://127.0.0.2:9/secret" }).end(),
    });
  });
  afterAll(() => srv.close());

  it("returns any status with headers, parsed media type and the body decoded by the one decoder", async () => {
    const get = createSafeGet(limits);
    const page = await get(`${srv.url}/page`);
    expect(page).toMatchObject({ ok: true, status: 200, media: { type: "text/html" } });
    expect(page.ok && page.text).toBe("<p>agentweb-test café");
    const gone = await get(`${srv.url}/gone`);
    expect(gone.ok && [gone.status, gone.text]).toEqual([410, "gone"]);
    expect(describeGet(gone)).toBe("HTTP 410");
  });

  it("turns a timeout into a TIMEOUT failure", async () => {
    const res = await createSafeGet({ ...limits, timeoutMs: 300 })(`${srv.url}/stall`);
    expect(res).toMatchObject({ ok: false, code: "TIMEOUT" });
    expect(statusOf(res)).toBe(0);
  });

  it("turns a refused connection into FETCH_FAILED with its errno", async () => {
    const res = await createSafeGet(limits)("http://127.0.0.1:9/");
    expect(res).toMatchObject({ ok: false, code: "FETCH_FAILED", error: "ECONNREFUSED" });
    expect(describeGet(res)).toBe("FETCH_FAILED: ECONNREFUSED");
  });

  it("turns a body over the cap into BODY_TOO_LARGE, and a redirect loop into HTTP_ERROR", async () => {
    const get = createSafeGet(limits);
    expect(await get(`${srv.url}/big`)).toMatchObject({ ok: false, code: "BODY_TOO_LARGE" });
    expect(await get(`${srv.url}/loop`)).toMatchObject({ ok: false, code: "HTTP_ERROR" });
  });

  it("refuses egress-blocked URLs, on the first hop and on a redirect, without a request", async () => {
    const blocked = createSafeGet({ ...limits, guard: createEgressGuard() });
    const before = srv.requests.length;
    expect(await blocked(`${srv.url}/page`)).toMatchObject({
      ok: false,
      code: "EGRESS_BLOCKED",
      error: /loopback/,
    });
    expect(srv.requests.length).toBe(before);
    // The test server is allowed; the redirect target (another loopback address) is not.
    const allowed = createSafeGet({ ...limits, guard: createEgressGuard({ allowCidrs: ["127.0.0.1/32"] }) });
    expect(await allowed(`${srv.url}/to-other`)).toMatchObject({ ok: false, code: "EGRESS_BLOCKED" });
  });

  it("makes a caller's throwing client never throw (the crawl's Fetcher for sitemaps)", async () => {
    const fetcher = createFetcher({
      userAgent: "t",
      gate: createHostGate({ delayMs: 0 }),
      timeoutMs: 2_000,
      maxBodyBytes: 100,
      retries: 0,
      maxRetryAfterMs: 0,
    });
    const big = await settleGet(`${srv.url}/big`, () => fetcher.get(`${srv.url}/big`));
    expect(big).toMatchObject({ ok: false, code: "BODY_TOO_LARGE" });
    const thrown = await settleGet("x", () => Promise.reject(new Error("boom")));
    expect(thrown).toMatchObject({ ok: false, code: "FETCH_FAILED", error: "boom" });
  });
});
