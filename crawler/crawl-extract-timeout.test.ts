/**
 * A page that takes longer to extract than its budget fails with EXTRACT_TIMEOUT, and the crawl
 * goes on: the other pages of the site come out as pages.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testCrawlOptions } from "../test/helpers/crawl-options.js";
import { type ServedSite, serveSite } from "../test/helpers/serve-site.js";
import { type CrawlEvent, crawl } from "./crawl.js";

const page = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
const prose = (topic: string) => `<p>${`How ${topic} works, step by step, with examples. `.repeat(12)}</p>`;

let dir: string;
let site: ServedSite;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "aw-extract-timeout-"));
  const links = ["a.html", "slow.html", "b.html"].map((f) => `<a href="/${f}">${f}</a>`).join(" ");
  writeFileSync(join(dir, "index.html"), page("Home", `${prose("the site")}<nav>${links}</nav>`));
  writeFileSync(join(dir, "a.html"), page("Alpha", prose("alpha")));
  writeFileSync(join(dir, "b.html"), page("Beta", prose("beta")));
  // A legitimate but large page (~6 MB): seconds of work, far past a 3 s budget.
  const para = `<p>${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20)}</p>\n`;
  writeFileSync(join(dir, "slow.html"), page("Slow", para.repeat(Math.ceil(6e6 / para.length))));
  site = await serveSite(dir);
});

afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("crawl with an extraction budget", () => {
  it("reports EXTRACT_TIMEOUT for the page past its budget and keeps the others", async () => {
    const events: CrawlEvent[] = [];
    for await (const e of crawl(
      testCrawlOptions({
        startUrl: `${site.url}/`,
        maxPages: 10,
        maxDepth: 2,
        include: [],
        exclude: [],
        concurrency: 2,
        requestTimeoutMs: 10_000,
        maxBodyBytes: 20_000_000,
        userAgent: "agentweb/0.1 (+test)",
        delayMs: 0,
        render: "never",
        sitemaps: false,
        respectRobots: false,
        extractWorkers: 2,
        extractTimeoutMs: 3000,
      }),
    ))
      events.push(e);
    const byPath = new Map(events.map((e) => [new URL(e.type === "page" ? e.page.url : e.url).pathname, e]));
    const slow = byPath.get("/slow.html");
    expect(slow?.type).toBe("failed");
    expect(slow?.type === "failed" && slow.code).toBe("EXTRACT_TIMEOUT");
    for (const path of ["/", "/a.html", "/b.html"]) expect(byPath.get(path)?.type, path).toBe("page");
    const titles = events.flatMap((e) => (e.type === "page" ? [e.page.title] : []));
    expect(titles.sort()).toEqual(["Alpha", "Beta", "Home"]);
  }, 120_000);
});
