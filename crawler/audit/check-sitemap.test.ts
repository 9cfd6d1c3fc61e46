import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { getOk, type SafeGet } from "../fetch/safe-get.js";
import { checkSitemap } from "./check-sitemap.js";

const X = "https://x.dev";

/** The audited site in memory: a body answers 200, a number is a status, anything else is a 404. */
function site(routes: Record<string, string | Buffer | number>): SafeGet {
  return async (url) => {
    const route = routes[new URL(url).pathname];
    const status = route === undefined ? 404 : typeof route === "number" ? route : 200;
    const body = typeof route === "number" || route === undefined ? Buffer.alloc(0) : Buffer.from(route);
    return getOk({ url, status, body, ms: 1 });
  };
}

const urlset = (...locs: string[]) =>
  `<urlset>${locs.map((l) => `<url><loc>${X}${l}</loc><lastmod>2026-01-01</lastmod></url>`).join("")}</urlset>`;

describe("checkSitemap", () => {
  it("finds the sitemap under the audited path, drops the absent guess at the root, asks for a Sitemap: line", async () => {
    const out = await checkSitemap({
      origin: X,
      prefix: "/docs/",
      robotsSitemaps: [],
      get: site({
        "/docs/sitemap.xml": gzipSync(urlset("/docs/a", "/docs/b")),
        "/docs/a": "a",
        "/docs/b": "b",
      }),
      probe: 10,
    });
    expect(out.url).toBe(`${X}/docs/sitemap.xml`);
    expect(out.urls.map((u) => u.url)).toEqual([`${X}/docs/a`, `${X}/docs/b`]);
    expect(out.withLastmod).toBe(2);
    expect(out.findings.map((f) => f.code)).toEqual(["sitemap-not-in-robots"]);
  });

  it("reports a missing sitemap with why each place failed", async () => {
    const out = await checkSitemap({
      origin: X,
      robotsSitemaps: [`${X}/sm.xml`],
      get: site({ "/sm.xml": "<!doctype html><p>Not found</p>" }),
      probe: 10,
    });
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({
      code: "sitemap-missing",
      evidence: [{ url: `${X}/sm.xml`, detail: "neither <urlset> nor <sitemapindex>" }],
    });
  });

  it("reports unreadable children, URLs without lastmod, other origins and dead URLs", async () => {
    const out = await checkSitemap({
      origin: X,
      robotsSitemaps: ["/index.xml"],
      get: site({
        "/index.xml": `<sitemapindex><sitemap><loc>${X}/a.xml</loc></sitemap><sitemap><loc>${X}/bad.xml</loc></sitemap></sitemapindex>`,
        "/a.xml": `<urlset><url><loc>${X}/ok</loc></url><url><loc>https://staging.x.dev/ok</loc></url><url><loc>${X}/dead</loc></url></urlset>`,
        "/bad.xml": "",
        "/ok": "ok",
        "/dead": 500,
      }),
      probe: 10,
    });
    expect(out.url).toBe(`${X}/index.xml`);
    const byCode = Object.fromEntries(out.findings.map((f) => [f.code, f.evidence]));
    expect(Object.keys(byCode).sort()).toEqual([
      "sitemap-dead-urls",
      "sitemap-invalid",
      "sitemap-no-lastmod",
      "sitemap-other-origin",
    ]);
    expect(byCode["sitemap-invalid"]).toEqual([{ url: `${X}/bad.xml`, detail: "empty body" }]);
    expect(byCode["sitemap-dead-urls"]).toEqual([{ url: `${X}/dead`, detail: "HTTP 500" }]);
  });
});
