/**
 * Golden fixtures: every folder of test/fixtures/pages/ holds source.html and expected.md (and
 * optionally url.txt); extractPage(source).markdown must equal expected.md. Add one with
 * `npx tsx test/fixtures/pages/add-fixture.ts <page.html> <url> [slug]`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractPage } from "../extract/extract-page.js";

const root = join(import.meta.dirname, "../../test/fixtures/pages");
const slugs = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, "source.html")))
  .map((d) => d.name)
  .sort();

describe("golden pages", () => {
  it("has fixtures", () => {
    expect(slugs.length).toBeGreaterThanOrEqual(3);
  });
  for (const slug of slugs) {
    it(slug, () => {
      const dir = join(root, slug);
      const urlFile = join(dir, "url.txt");
      const url = existsSync(urlFile)
        ? readFileSync(urlFile, "utf8").trim()
        : `https://example.test/${slug}.html`;
      const expected = readFileSync(join(dir, "expected.md"), "utf8");
      expect(extractPage(readFileSync(join(dir, "source.html"), "utf8"), url).markdown).toBe(expected);
    });
  }
});
