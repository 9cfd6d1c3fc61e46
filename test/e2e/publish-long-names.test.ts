import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { htmlPage, routeServer } from "../helpers/route-server.js";
import { runCli } from "../helpers/run-cli.js";
import { tempDir } from "../helpers/temp-dir.js";

// A real page name no file system can hold: 300 bytes in one path segment.
const LONG = `${"very-long-page-name-".repeat(15)}.html`;

describe("publish a site with a page whose path name is over 255 bytes (real CLI)", () => {
  const tmp = tempDir();
  const data = join(tmp.path, "data");
  const outDir = join(tmp.path, "public");
  let site: Awaited<ReturnType<typeof routeServer>>;
  let publish: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    const page =
      (title: string, links: string[] = []) =>
      (_req: unknown, res: import("node:http").ServerResponse) =>
        void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(htmlPage(title, links));
    site = await routeServer({
      "/": page("Home", [`/docs/${LONG}`, "/docs/zeta.html"]),
      [`/docs/${LONG}`]: page("Long"),
      "/docs/zeta.html": page("Zeta"),
    });
    const crawl = await runCli(["crawl", `${site.url}/`, "--data", data, "--embedder", "none", "--json"]);
    expect(crawl.code, crawl.stderr).toBe(0);
    publish = await runCli(["publish", "--data", data, "--out-dir", outDir, "--json"]);
  }, 120_000);
  afterAll(async () => {
    await site?.close();
    tmp.remove();
  });

  it("writes every twin, the long one under a shortened name, and reports it", () => {
    expect(publish.stderr).toBe("");
    expect(publish.code).toBe(0);
    const summary = JSON.parse(publish.stdout);
    expect(summary.failed).toEqual([]);
    expect(summary.shortened).toHaveLength(1);
    const { path, file } = summary.shortened[0];
    expect(path).toBe(`docs/${LONG}.md`);
    expect(Buffer.byteLength(file.split("/").pop())).toBeLessThanOrEqual(255);
    expect(readFileSync(join(outDir, file), "utf8")).toMatch(/Long is documented here/);
    expect(existsSync(join(outDir, "docs/zeta.html.md"))).toBe(true);
    expect(readdirSync(join(outDir, "docs"))).toHaveLength(2);
  });

  it("llms.txt still links the page's own twin path", () => {
    expect(readFileSync(join(outDir, "llms.txt"), "utf8")).toContain(`/docs/${LONG}.md)`);
  });
});
