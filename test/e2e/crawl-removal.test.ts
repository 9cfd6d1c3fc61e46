import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openIndex } from "../../api/ops/index-handle.js";
import { resolveConfig } from "../../schemas/config.js";
import { runCli } from "../helpers/run-cli.js";
import { SAMPLE_SITE_DIR } from "../helpers/sample-site.js";
import { type ServedSite, serveSite } from "../helpers/serve-site.js";
import { tempDir } from "../helpers/temp-dir.js";

const ARGS = ["--json", "--render", "never", "--embedder", "none", "--delay-ms", "0"];

/** Points every link to `page` elsewhere: the file still answers 200, but no crawl can reach it. */
function orphan(root: string, page: string): void {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".html") ? [join(dir, e.name)] : [],
    );
  const link = new RegExp(`href="[^"]*${page.replace(".", "\\.")}[^"]*"`, "g");
  for (const file of walk(root)) writeFileSync(file, readFileSync(file, "utf8").replace(link, 'href="#"'));
}

function reportLines(path: string): { url: string; status: string }[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { url: string; status: string });
}

describe("a finished crawl removes the stored pages it no longer sees (real CLI)", () => {
  let site: ServedSite;
  let siteId = "";
  const tmp = tempDir();
  const root = join(tmp.path, "site");
  const data = join(tmp.path, "data");
  const storedUrls = async (): Promise<string[]> => {
    const index = await openIndex(resolveConfig({ flags: { data } }), { write: false, owner: "test" });
    try {
      return (await index.store.listPages(siteId)).map((p) => p.url);
    } finally {
      await index.close();
    }
  };
  const crawl = async (name: string, extra: string[] = []) => {
    const report = join(tmp.path, `${name}.jsonl`);
    const run = await runCli([
      "crawl",
      `${site.url}/`,
      "--data",
      data,
      "--report",
      report,
      ...ARGS,
      ...extra,
    ]);
    expect(run.code, run.stderr).toBe(0);
    siteId = JSON.parse(run.stdout).site as string;
    return { summary: JSON.parse(run.stdout) as { removed: number }, records: reportLines(report) };
  };

  beforeAll(async () => {
    cpSync(SAMPLE_SITE_DIR, root, { recursive: true });
    site = await serveSite(root);
  });
  afterAll(async () => {
    await site.close();
    tmp.remove();
  });

  it("keeps an unreachable page after a limited crawl, removes it after a complete one", async () => {
    await crawl("first");
    const deploying = `${site.url}/guides/deploying.html`;
    expect(await storedUrls()).toContain(deploying);
    orphan(root, "deploying.html");

    // --fresh: a re-crawl would re-check the page at its old URL (and find it); a fresh one relies on links.
    const limited = await crawl("limited", ["--fresh", "--max-pages", "3"]);
    expect(limited.summary.removed).toBe(0);
    expect(limited.records.filter((r) => r.status === "removed")).toEqual([]);
    expect(await storedUrls()).toContain(deploying);

    const full = await crawl("full", ["--fresh"]);
    expect(full.summary.removed).toBe(1);
    expect(full.records.filter((r) => r.status === "removed").map((r) => r.url)).toEqual([deploying]);
    const after = await storedUrls();
    expect(after).not.toContain(deploying);
    expect(after.length).toBeGreaterThanOrEqual(10);
  }, 180_000);

  it("removes a page whose file was deleted (404) on a re-crawl, and nothing else", async () => {
    const before = await storedUrls();
    const faq = `${site.url}/docs/faq.html`;
    expect(before).toContain(faq);
    rmSync(join(root, "docs", "faq.html"));
    await crawl("recrawl");
    const after = await storedUrls();
    expect(after).not.toContain(faq);
    expect(after.sort()).toEqual(before.filter((u) => u !== faq).sort());
  }, 180_000);
});
