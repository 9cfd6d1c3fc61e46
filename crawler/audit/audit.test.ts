import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditSite } from "../../api/ops/audit-site.js";
import { AuditReport } from "../../schemas/audit.js";
import { AUDIT_FIXTURES, serveAuditFixture } from "../../test/fixtures/audit/serve-audit-fixture.js";

const limits = { userAgent: "agentweb-test", timeoutMs: 15_000, maxBytes: 10_000_000 };

describe("audit of the fixture sites (loopback)", () => {
  let good: Awaited<ReturnType<typeof serveAuditFixture>>;
  let bad: Awaited<ReturnType<typeof serveAuditFixture>>;
  beforeAll(async () => {
    good = await serveAuditFixture(AUDIT_FIXTURES.good);
    bad = await serveAuditFixture(AUDIT_FIXTURES.bad);
  });
  afterAll(async () => {
    await good.close();
    await bad.close();
  });

  it("scores the good site high with no findings and suggests no llms.txt", async () => {
    const report = AuditReport.parse(
      await auditSite({ url: `${good.url}/` }, { ...limits, chromiumPath: false }),
    );
    expect(report.findings.map((f) => f.code)).toEqual([]);
    expect(report.score).toBeGreaterThanOrEqual(90);
    expect(report.pages).toHaveLength(4);
    expect(report.llmsTxt).toMatchObject({ level: expect.any(Number), fullTxt: true });
    expect(report.llmsTxt.level).toBeGreaterThanOrEqual(3);
    expect(report.sitemap).toMatchObject({ urls: 4, withLastmod: 4 });
    expect(report.bots.every((b) => b.allowed === b.sampled)).toBe(true);
    expect(report.suggestedLlmsTxt).toBeUndefined();
  });

  it("scores the bad site low with exactly the expected findings, JS-only pages measured in Chromium", async () => {
    const report = AuditReport.parse(
      await auditSite(
        { url: `${bad.url}/` },
        { ...limits, chromiumPath: "/usr/bin/chromium", maxRenders: 3 },
      ),
    );
    expect(report.findings.map((f) => f.code).sort()).toEqual(
      [
        "ai-search-blocked",
        "ai-training-blocked",
        "ai-user-blocked",
        "canonical-missing",
        "description-missing",
        "h1-count",
        "heavy-noise",
        "img-missing-alt",
        "js-only-content",
        "lang-missing",
        "llms-full-missing",
        "llms-txt-missing",
        "no-main-landmark",
        "no-markdown-versions",
        "sitemap-missing",
        "structured-data-missing",
      ].sort(),
    );
    expect(report.score).toBeLessThan(50);
    const js = report.findings.find((f) => f.code === "js-only-content")!;
    expect(js.evidence.map((e) => new URL(e.url).pathname).sort()).toEqual(["/api.html", "/app.html"]);
    const app = report.pages.find((p) => p.url.endsWith("/app.html"))!;
    expect(app.httpChars).toBe(0);
    expect(app.renderedChars).toBeGreaterThan(500);
    expect(app.missingShare).toBe(1);
    const alt = report.findings.find((f) => f.code === "img-missing-alt")!;
    expect(alt.evidence).toEqual([
      expect.objectContaining({ url: `${bad.url}/gallery.html`, element: expect.stringContaining("<img") }),
    ]);
    const blocked = report.findings.find((f) => f.code === "ai-user-blocked")!;
    expect(blocked.evidence[0]).toMatchObject({
      url: `${bad.url}/robots.txt`,
      line: 8,
      element: "User-agent: ChatGPT-User",
    });
    // The fix list is ordered by impact, and the site gets an llms.txt to start from.
    const impacts = report.fixes.map((f) => f.impact);
    expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
    expect(report.fixes[0]!.code).toBe("llms-txt-missing");
    expect(report.suggestedLlmsTxt).toMatch(/^# Harbor\n/);
    expect(report.suggestedLlmsTxt).toContain(`(${bad.url}/gallery.html)`);
  });
});
