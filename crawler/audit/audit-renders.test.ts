import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditSite } from "../../api/ops/audit-site.js";
import { AuditReport } from "../../schemas/audit.js";
import { routeServer } from "../../test/helpers/route-server.js";

/**
 * A 30-page docs site on 127.0.0.1: 19 plain pages and 2 short ones that run no script, 5 pages
 * with a script that only handles clicks, and 3 app shells whose text a script writes.
 */
const PLAIN = Array.from({ length: 19 }, (_, i) => `/guide-${i + 1}.html`);
const SHORT = ["/short-1.html", "/short-2.html"];
const WIDGETS = Array.from({ length: 5 }, (_, i) => `/widget-${i + 1}.html`);
const SHELLS = ["/app-1.html", "/app-2.html", "/app-3.html"];

const sentence = (topic: string) =>
  `The ${topic} page explains how queues, workers and retries fit together in a deployment. `;
const doc = (title: string, main: string, head = "") =>
  `<!doctype html><html lang="en"><head><title>${title}</title><meta name="description" content="${title}">${head}</head><body><nav>${[...PLAIN, ...SHORT, ...WIDGETS, ...SHELLS].map((p) => `<a href="${p}">${p}</a>`).join(" ")}</nav><main>${main}</main></body></html>`;
const article = (title: string) =>
  `<h1>${title}</h1>${Array.from({ length: 4 }, () => `<p>${sentence(title).repeat(4)}</p>`).join("")}`;

function site(): Record<string, (req: IncomingMessage, res: ServerResponse) => void> {
  const html = (body: string) => (_req: IncomingMessage, res: ServerResponse) =>
    void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
  const js = (body: string) => (_req: IncomingMessage, res: ServerResponse) =>
    void res.writeHead(200, { "content-type": "text/javascript" }).end(body);
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    "/": html(doc("Home", article("Home"))),
    "/robots.txt": (_req, res) =>
      void res.writeHead(200, { "content-type": "text/plain" }).end("User-agent: *\nAllow: /\n"),
    "/click.js": js('document.addEventListener("click", () => {});'),
    "/app.js": js(
      `document.getElementById("root").innerHTML = "<h1>App</h1>" + "<p>${sentence("app").repeat(5)}</p>".repeat(4);`,
    ),
  };
  for (const p of PLAIN) routes[p] = html(doc(p, article(p)));
  for (const p of SHORT) routes[p] = html(doc(p, `<h1>${p}</h1><p>See the guides.</p>`));
  for (const p of WIDGETS) routes[p] = html(doc(p, article(p), '<script src="/click.js" defer></script>'));
  for (const p of SHELLS)
    routes[p] = html(doc(p, '<div id="root"></div>', '<script src="/app.js" defer></script>'));
  return routes;
}

describe("audit of a 30-page loopback site", () => {
  let srv: Awaited<ReturnType<typeof routeServer>>;
  beforeAll(async () => {
    srv = await routeServer(site());
  });
  afterAll(async () => {
    await srv.close();
  });

  it("renders only pages that run scripts, reads each URL once, and finishes in a sane time", async () => {
    const started = performance.now();
    const report = AuditReport.parse(
      await auditSite(
        { url: `${srv.url}/`, maxPages: 30 },
        {
          userAgent: "agentweb-test",
          timeoutMs: 20_000,
          maxBytes: 1_000_000,
          chromiumPath: "/usr/bin/chromium",
          delayMs: 0,
        },
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    expect(report.pages).toHaveLength(30);
    // Chromium's page loads are navigations; the audit's own requests are not.
    const navigations = srv.requests.filter((r) => r.headers["sec-fetch-mode"] === "navigate");
    const rendered = navigations.map((r) => r.path).sort();
    // The three app shells, and two of the pages whose script only handles clicks.
    expect(rendered).toHaveLength(5);
    expect(rendered.filter((p) => SHELLS.includes(p))).toEqual(SHELLS);
    expect(rendered.every((p) => SHELLS.includes(p) || WIDGETS.includes(p))).toBe(true);
    expect(report.rendered).toBe(5);
    const js = report.findings.find((f) => f.code === "js-only-content")!;
    expect(js.evidence.map((e) => new URL(e.url).pathname).sort()).toEqual(SHELLS);
    const own = srv.requests
      .filter((r) => r.headers["sec-fetch-mode"] !== "navigate" && !r.path.endsWith(".js"))
      .map((r) => `${r.headers.accept} ${r.path}`);
    expect(own.filter((key, i) => own.indexOf(key) !== i)).toEqual([]);
    expect(seconds).toBeLessThan(60);
  }, 120_000);
});
