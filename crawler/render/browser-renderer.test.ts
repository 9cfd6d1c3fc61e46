import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { egressProbeSite, PROBE_ALLOWED_TEXT } from "../../test/helpers/egress-probe-site.js";
import { forbiddenHost } from "../../test/helpers/forbidden-host.js";
import { routeServer } from "../../test/helpers/route-server.js";
import { createEgressGuard } from "../fetch/egress-guard.js";
import { createBrowserRenderer } from "./browser-renderer.js";

// One real-Chromium test: a JavaScript-built page is rendered, and the requests its script makes
// to a private and a metadata address are refused by the egress guard inside the browser (the
// route is aborted before any connection is attempted; nothing leaves 127.0.0.0/8).
const PAGE = `<!doctype html><html><head><title>App</title></head><body><div id="root"></div><script>
async function probe(url) { try { await fetch(url, { mode: "no-cors" }); return "reached"; } catch { return "blocked"; } }
(async () => {
  const [meta, priv, own] = await Promise.all([probe("http://169.254.169.254/latest/"), probe("http://10.0.0.1/x"), probe("/data.json")]);
  document.getElementById("root").innerHTML = "<main><h1>Dashboard</h1><p id=r>" + [meta, priv, own].join(",") + "</p></main>";
})();
</script></body></html>`;

describe("browser renderer (real Chromium)", () => {
  let srv: Awaited<ReturnType<typeof routeServer>>;
  beforeAll(async () => {
    srv = await routeServer({
      "/app.html": (_q, r) => void r.writeHead(200, { "content-type": "text/html" }).end(PAGE),
      "/data.json": (q, r) =>
        void r.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(q.headers)),
    });
  });
  afterAll(() => srv.close());

  it("renders a JS-only page; the egress guard blocks private and metadata requests, origin headers are sent", async () => {
    const guard = createEgressGuard({ allowCidrs: ["127.0.0.0/8"] });
    const renderer = createBrowserRenderer({
      userAgent: "agentweb-test/0.1",
      timeoutMs: 20_000,
      guard,
      privateHeaders: { authorization: "Bearer t0ken" },
      privateOrigin: srv.url,
    });
    try {
      const { html, status } = await renderer.render(`${srv.url}/app.html`);
      expect(status).toBe(200);
      expect(html).toContain("<h1>Dashboard</h1>");
      expect(html).toContain("blocked,blocked,reached");
      const own = srv.requests.find((r) => r.path === "/data.json");
      expect(own?.headers).toMatchObject({
        authorization: "Bearer t0ken",
        "user-agent": "agentweb-test/0.1",
      });
    } finally {
      await renderer.close();
    }
  }, 60_000);
});

// Only 127.0.0.1 is allowed; 127.0.0.2 stands for a refused address (a loopback alias, so nothing
// leaves the machine). The probe page aims every channel a browser has at it; not one TCP
// connection or UDP datagram may arrive, while the page's own fetch and WebSocket still work.
describe("browser renderer under the egress guard (real Chromium)", () => {
  let forbidden: Awaited<ReturnType<typeof forbiddenHost>>;
  let site: Awaited<ReturnType<typeof egressProbeSite>>;
  beforeAll(async () => {
    forbidden = await forbiddenHost("127.0.0.2");
    site = await egressProbeSite(forbidden.host);
  });
  afterAll(async () => {
    await site?.close();
    await forbidden?.close();
  });

  it("lets no request kind reach a refused host, and still renders the page's allowed content", async () => {
    const renderer = createBrowserRenderer({
      userAgent: "agentweb-test/0.1",
      timeoutMs: 20_000,
      guard: createEgressGuard({ allowCidrs: ["127.0.0.1/32"] }),
    });
    try {
      const { html } = await renderer.render(`${site.url}/probe.html`);
      expect(html).toContain(PROBE_ALLOWED_TEXT);
      // Workers and retries may still be starting after the render returned.
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      await renderer.close();
    }
    expect(forbidden.seen()).toEqual({ tcp: 0, udp: 0, lines: [] });
  }, 60_000);
});
