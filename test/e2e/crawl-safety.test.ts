import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCrawlJobs } from "../../api/ops/crawl-jobs.js";
import { openIndex } from "../../api/ops/index-handle.js";
import type { CrawlJob } from "../../schemas/api.js";
import { resolveConfig } from "../../schemas/config.js";
import { runCli } from "../helpers/run-cli.js";
import { type ServedSite, serveSite } from "../helpers/serve-site.js";
import { tempDir } from "../helpers/temp-dir.js";

const ARGS = ["--json", "--render", "never", "--embedder", "none", "--delay-ms", "0"];
const PAGES = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"];

const html = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

/** A home page linking to `links`, and nine pages that link only home: unlinking a page orphans it. */
function writeSite(root: string, links: string[] = PAGES): void {
  mkdirSync(root, { recursive: true });
  const items = links.map((p) => `<li><a href="${p}.html">Chapter ${p}</a></li>`).join("");
  writeFileSync(
    join(root, "index.html"),
    html(
      "Lantern manual",
      `<p>Lantern lights the way through the ${links.length} chapters below.</p><ul>${items}</ul>`,
    ),
  );
  for (const [i, p] of PAGES.entries()) {
    const words = Array.from({ length: 40 }, (_, k) => `word${i}x${k}`).join(" ");
    const prose = `<p>Chapter ${p} of the Lantern manual explains topic number ${i + 1} in detail. ${words}.</p>`;
    writeFileSync(
      join(root, `${p}.html`),
      html(`Chapter ${p}`, `${prose}<p><a href="index.html">Home</a></p>`),
    );
  }
  writeFileSync(
    join(root, "logo.png"),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
  );
}

function reportLines(path: string): { url: string; status: string; reason?: string }[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

const metaSites = (data: string): Record<string, { lastCrawl?: { finishedAt: string } }> =>
  existsSync(join(data, "meta.json")) ? JSON.parse(readFileSync(join(data, "meta.json"), "utf8")).sites : {};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe("a crawl never wipes an indexed site by mistake (real CLI)", () => {
  let site: ServedSite;
  const tmp = tempDir();
  const root = join(tmp.path, "site");
  const data = join(tmp.path, "data");
  let siteId = "";
  const storedUrls = async (dir = data): Promise<string[]> => {
    const index = await openIndex(resolveConfig({ flags: { data: dir } }), { write: false, owner: "test" });
    try {
      return (await index.store.listPages(siteId)).map((p) => p.url).sort();
    } finally {
      await index.close();
    }
  };
  const crawl = async (path: string, extra: string[] = [], dir = data) => {
    const report = join(tmp.path, `report-${Date.now()}.jsonl`);
    const run = await runCli([
      "crawl",
      `${site.url}${path}`,
      "--data",
      dir,
      "--report",
      report,
      ...ARGS,
      ...extra,
    ]);
    return { ...run, records: reportLines(report) };
  };
  const expectNothingChanged = async (before: string[], meta: ReturnType<typeof metaSites>) => {
    expect(await storedUrls()).toEqual(before);
    expect(metaSites(data)).toEqual(meta);
  };

  beforeAll(async () => {
    writeSite(root);
    site = await serveSite(root, { failPaths: ["/broken.html"] });
    const first = await crawl("/");
    expect(first.code, first.stderr).toBe(0);
    siteId = JSON.parse(first.stdout).site;
    expect(await storedUrls()).toHaveLength(10);
  }, 180_000);
  afterAll(async () => {
    await site.close();
    tmp.remove();
  });

  describe("a start URL that cannot be fetched: exit 2, one line, nothing removed, no site registered", () => {
    const cases = [
      { name: "404", path: "/git-nope.html", line: /the start URL is gone \(HTTP 404\).*\[NOT_FOUND\]$/ },
      { name: "500", path: "/broken.html", line: /the start URL failed: HTTP 500.*\[HTTP_ERROR\]$/ },
      {
        name: "not HTML",
        path: "/logo.png",
        line: /the start URL is not a page \(image\/png\).*\[UNSUPPORTED_CONTENT\]$/,
      },
    ];
    for (const c of cases) {
      it(`start URL ${c.name}`, async () => {
        const before = await storedUrls();
        const meta = metaSites(data);
        const run = await crawl(c.path);
        expect(run.code, run.stdout).toBe(2);
        const lines = run.stderr.trim().split("\n");
        expect(lines, run.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(/^agentweb crawl: cannot crawl http:\/\/127\.0\.0\.1:\d+\//);
        expect(lines[0]).toMatch(c.line);
        expect(run.records.filter((r) => r.status === "removed" || r.status === "ok")).toEqual([]);
        await expectNothingChanged(before, meta);

        const empty = join(tmp.path, `empty-${c.name.replace(/\W/g, "")}`);
        const fresh = await crawl(c.path, [], empty);
        expect(fresh.code, fresh.stderr).toBe(2);
        expect(metaSites(empty)).toEqual({});
      }, 120_000);
    }

    it("start URL unreachable (nothing listening)", async () => {
      const port = await freePort();
      const empty = join(tmp.path, "empty-unreachable");
      const run = await runCli(["crawl", `http://127.0.0.1:${port}/`, "--data", empty, ...ARGS]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/.*\[UNREACHABLE\]/);
      expect(metaSites(empty)).toEqual({});
    }, 60_000);
  });

  describe("removal of pages a complete crawl no longer reaches", () => {
    it("a healthy complete crawl still removes a page that is truly gone from the site", async () => {
      writeSite(root, PAGES.slice(0, 8));
      const run = await crawl("/", ["--fresh"]);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ removed: 1 });
      expect(JSON.parse(run.stdout).held).toBeUndefined();
      expect(run.records.filter((r) => r.status === "removed").map((r) => r.url)).toEqual([
        `${site.url}/p9.html`,
      ]);
      expect(await storedUrls()).toHaveLength(9);
    }, 120_000);

    it("a crawl that reaches fewer than half of the stored pages keeps them and reports them", async () => {
      writeSite(root, ["p1"]); // the home page became a stub
      const before = await storedUrls();
      const run = await crawl("/", ["--fresh"]);
      expect(run.code, run.stderr).toBe(1);
      const summary = JSON.parse(run.stdout);
      expect(summary).toMatchObject({ removed: 0, held: 7 });
      expect(summary.heldBecause).toBe("this crawl reached only 2 of the 9 stored pages");
      expect(run.stderr).toMatch(/warning: kept 7 stored pages this crawl did not reach: .*--prune/);
      const held = run.records.filter((r) => r.status === "held");
      expect(held.map((r) => r.url).sort()).toEqual(PAGES.slice(1, 8).map((p) => `${site.url}/${p}.html`));
      expect(held[0]?.reason).toMatch(/reached only 2 of the 9 stored pages \(--prune removes it\)/);
      expect(await storedUrls()).toEqual(before);
    }, 120_000);

    it("--prune removes them", async () => {
      const run = await crawl("/", ["--fresh", "--prune"]);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ removed: 7 });
      expect(await storedUrls()).toEqual([`${site.url}/`, `${site.url}/p1.html`].sort());
    }, 120_000);
  });

  it("an indexed site whose server is down: exit 2 and every stored page stays", async () => {
    const before = await storedUrls();
    const meta = metaSites(data);
    await site.close();
    const run = await crawl("/");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\[UNREACHABLE\]/);
    await expectNothingChanged(before, meta);
  }, 60_000);
});

describe("the API's crawl job with a start URL that cannot be fetched", () => {
  const tmp = tempDir();
  let site: ServedSite;
  beforeAll(async () => {
    writeSite(join(tmp.path, "site"));
    site = await serveSite(join(tmp.path, "site"));
  });
  afterAll(async () => {
    await site.close();
    tmp.remove();
  });

  it("fails with the clear message and registers no site", async () => {
    const data = join(tmp.path, "data");
    const config = resolveConfig({ flags: { data, embedder: "none", render: "never", delayMs: 0 } });
    const index = await openIndex(config, { write: true, owner: "serve" });
    const jobs = createCrawlJobs(index);
    try {
      const job = await jobs.start({ url: `${site.url}/git-nope.html` });
      const done = await new Promise<CrawlJob>((resolve) => {
        const check = (j: CrawlJob) => jobs.isTerminal(j) && resolve(j);
        jobs.subscribe(job.id, check);
        check(jobs.get(job.id));
      });
      expect(done.state).toBe("failed");
      expect(done.error).toEqual({
        code: "NOT_FOUND",
        message: `cannot crawl ${site.url}/git-nope.html: the start URL is gone (HTTP 404); check the URL (no stored page was removed)`,
      });
      expect(index.dataDir.readMeta().sites).toEqual({});
    } finally {
      await jobs.close();
      await index.close();
    }
  }, 60_000);
});
