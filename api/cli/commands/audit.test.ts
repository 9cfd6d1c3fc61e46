import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS } from "../../../crawler/render/chromium-pool.js";
import { AuditReport } from "../../../schemas/audit.js";
import { AUDIT_FIXTURES, serveAuditFixture } from "../../../test/fixtures/audit/serve-audit-fixture.js";
import { runCli } from "../../../test/helpers/run-cli.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";

// A loopback fixture: no per-host delay (the audit is paced like a crawl, 250 ms by default).
const LOOPBACK = { env: { AGENTWEB_DELAY_MS: "0" } };

describe("agentweb audit (built CLI, loopback fixture sites)", () => {
  const tmp = tempDir("agentweb-audit-cli-");
  let good: Awaited<ReturnType<typeof serveAuditFixture>>;
  let bad: Awaited<ReturnType<typeof serveAuditFixture>>;
  beforeAll(async () => {
    good = await serveAuditFixture(AUDIT_FIXTURES.good);
    bad = await serveAuditFixture(AUDIT_FIXTURES.bad);
  });
  afterAll(async () => {
    await good.close();
    await bad.close();
    tmp.remove();
  });

  it("prints the JSON report; --fail-under decides the exit code", async () => {
    const ok = await runCli(
      ["audit", `${good.url}/`, "--json", "--no-render", "--fail-under", "90"],
      LOOPBACK,
    );
    expect(ok.code).toBe(0);
    expect(AuditReport.parse(JSON.parse(ok.stdout)).score).toBeGreaterThanOrEqual(90);
    const under = await runCli([
      "audit",
      `${bad.url}/`,
      "--format",
      "md",
      "--no-render",
      "--fail-under",
      "80",
    ]);
    expect(under.code).toBe(1);
    expect(under.stdout).toMatch(/^# AI readiness audit: /);
    expect(under.stdout).toContain("`llms-txt-missing`");
  });

  it("exits 2 with one line for an unreachable site or bad usage", async () => {
    const down = await runCli(["audit", "http://127.0.0.1:9/", "--no-render"]);
    expect(down.code).toBe(2);
    expect(down.stderr.trim().split("\n")).toHaveLength(1);
    expect((await runCli(["audit", `${good.url}/`, "--format", "pdf"])).code).toBe(2);
  });

  it("writes a self-contained HTML report that renders in headless Chromium without console errors", async () => {
    const out = join(tmp.path, "audit.html");
    const res = await runCli(
      ["audit", `${bad.url}/`, "--format", "html", "--out", out, "--no-render"],
      LOOPBACK,
    );
    expect(res.code).toBe(0);
    const html = readFileSync(out, "utf8");
    // Self-contained: no external stylesheet, script, image or font.
    expect(html).not.toMatch(/<(link|script|img)\b/i);
    expect(html).not.toMatch(/url\(/i);
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(`file://${out}`);
      expect(errors).toEqual([]);
      expect(requests).toEqual([`file://${out}`]);
      const score = Number((await page.locator("#score span").textContent())?.trim());
      expect(score).toBeLessThan(50);
      expect(await page.locator("#categories tr").count()).toBe(7);
      expect(await page.locator("#fixes li").first().textContent()).toContain("llms-txt-missing");
      expect(await page.locator("#pages tr").count()).toBeGreaterThan(4);
      expect(await page.locator("#findings details").count()).toBeGreaterThan(10);
      expect(await page.locator("#suggested").textContent()).toContain("# Harbor");
      const shot = join(tmp.path, "audit.png");
      await page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot) && statSync(shot).size).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  });
});
