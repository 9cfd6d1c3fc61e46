import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentwebError } from "../../schemas/errors.js";
import { createEgressGuard } from "../fetch/egress-guard.js";
import { getFailure } from "../fetch/safe-get.js";
import { checkLinks } from "./check-links.js";
import { fetchText } from "./fetch-text.js";
import { parseLlmsTxt } from "./parse.js";

const limits = { timeoutMs: 5_000, maxBytes: 1_000, userAgent: "agentweb-test" };
let origin = "";
const server = createServer((req, res) => {
  if (req.url === "/moved") return void res.writeHead(301, { location: "/a.md" }).end();
  if (req.url === "/loop") return void res.writeHead(302, { location: "/loop" }).end();
  if (req.url === "/big")
    return void res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(2_000));
  if (req.url === "/latin1")
    return void res
      .writeHead(200, { "content-type": "text/markdown; charset=iso-8859-1" })
      .end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  if (req.url === "/a.md") return void res.writeHead(200, { "content-type": "text/markdown" }).end("# A");
  res.writeHead(404).end();
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  server.closeAllConnections();
});

describe("fetchText (the never-throwing GET)", () => {
  it("follows redirects, decodes by charset and never throws", async () => {
    const moved = await fetchText(`${origin}/moved`, limits);
    expect(moved.ok && [moved.status, moved.finalUrl, moved.media?.type, moved.text]).toEqual([
      200,
      `${origin}/a.md`,
      "text/markdown",
      "# A",
    ]);
    const latin1 = await fetchText(`${origin}/latin1`, limits);
    expect(latin1.ok && latin1.text).toBe("café");
    expect(await fetchText(`${origin}/loop`, limits)).toMatchObject({ ok: false, code: "HTTP_ERROR" });
    expect(await fetchText(`${origin}/big`, limits)).toMatchObject({ ok: false, code: "BODY_TOO_LARGE" });
    expect(await fetchText("http://127.0.0.1:9/", limits)).toMatchObject({
      ok: false,
      code: "FETCH_FAILED",
      error: "ECONNREFUSED",
    });
  });

  it("refuses loopback under the egress guard, so the link check reports the link dead", async () => {
    const guarded = { ...limits, guard: createEgressGuard() };
    expect(await fetchText(`${origin}/a.md`, guarded)).toMatchObject({
      ok: false,
      code: "EGRESS_BLOCKED",
      error: /loopback/,
    });
    const { llmsTxt } = parseLlmsTxt(`# T\n\n## Docs\n\n- [A](${origin}/a.md)\n`);
    const result = await checkLinks(llmsTxt, { fetch: guarded });
    expect([result.checked, result.dead, result.findings[0]?.code]).toEqual([1, 1, "dead-link"]);
  });

  it("goes through a caller's getter when one is given", async () => {
    const seen: string[] = [];
    const res = await fetchText("https://x.dev/a.md", {
      ...limits,
      get: async (url, headers = {}) => {
        seen.push(`${url} ${headers["user-agent"]}`);
        return getFailure(url, new AgentwebError("OUT_OF_SCOPE", "not fetched"));
      },
    });
    expect(seen).toEqual(["https://x.dev/a.md agentweb-test"]);
    expect(res).toMatchObject({ ok: false, code: "OUT_OF_SCOPE" });
  });
});
