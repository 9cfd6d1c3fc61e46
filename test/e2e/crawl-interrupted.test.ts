import { cpSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawlSite } from "../../api/ops/crawl-site.js";
import { openIndex } from "../../api/ops/index-handle.js";
import { listSites } from "../../api/ops/sites.js";
import { resolveConfig } from "../../schemas/config.js";
import { runCli } from "../helpers/run-cli.js";
import { SAMPLE_SITE_DIR } from "../helpers/sample-site.js";
import { type ServedSite, serveSite } from "../helpers/serve-site.js";
import { tempDir } from "../helpers/temp-dir.js";

const SITE_PAGES = 19;

describe("a first crawl cut short leaves its site listed", () => {
  const tmp = tempDir();
  let site: ServedSite;
  const configFor = (name: string) =>
    resolveConfig({
      flags: { data: join(tmp.path, name), embedder: "none", render: "never", delayMs: 0, concurrency: 1 },
    });

  beforeAll(async () => {
    cpSync(SAMPLE_SITE_DIR, join(tmp.path, "site"), { recursive: true });
    site = await serveSite(join(tmp.path, "site"));
  });
  afterAll(async () => {
    await site.close();
    tmp.remove();
  });

  it("when the process dies mid-crawl (nothing after the crawl loop runs)", async () => {
    const config = configFor("died");
    const index = await openIndex(config, { write: true, owner: "crawl" });
    let ok = 0;
    try {
      const crash = crawlSite(
        index,
        { url: `${site.url}/` },
        {
          onRecord: (r) => {
            if (r.status === "ok" && ++ok === 3) throw new Error("killed");
          },
        },
      );
      await expect(crash).rejects.toThrow("killed");
      // Its pages may still sit in the writer's batch; the entry is what `sites` lists.
      const { sites } = await listSites(index);
      expect(sites).toHaveLength(1);
      expect(sites[0]).toMatchObject({
        site: `127.0.0.1-${site.port}`,
        startUrl: `${site.url}/`,
        embedder: "none",
      });
      expect(sites[0]?.lastCrawl).toBeUndefined();
    } finally {
      await index.close();
    }
    // What a user runs next.
    const listed = await runCli(["sites", "--data", config.data, "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).sites).toEqual([
      expect.objectContaining({ site: `127.0.0.1-${site.port}` }),
    ]);
  }, 120_000);

  it("when the crawl is aborted (AbortSignal) after some pages, with its last crawl recorded", async () => {
    const index = await openIndex(configFor("aborted"), { write: true, owner: "crawl" });
    const abort = new AbortController();
    let ok = 0;
    try {
      const summary = await crawlSite(
        index,
        { url: `${site.url}/`, signal: abort.signal },
        {
          onRecord: (r) => {
            if (r.status === "ok" && ++ok === 3) abort.abort();
          },
        },
      );
      expect(summary.pages.ok).toBeLessThan(SITE_PAGES);
      const { sites } = await listSites(index);
      expect(sites).toHaveLength(1);
      expect(sites[0]?.pages).toBe(summary.pages.ok);
      expect(sites[0]?.lastCrawl).toMatchObject({ ok: summary.pages.ok });
    } finally {
      await index.close();
    }
  }, 120_000);
});
