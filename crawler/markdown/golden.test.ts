/**
 * Golden fixtures: every folder of test/fixtures/pages/ holds source.html, expected.md and
 * optionally url.txt and noise.txt. expected.md is written by hand from the page, so byte equality is
 * not asked for; extractPage(source).markdown must match it structurally (headings, fenced code and
 * tables in order), agree with its words (F1 ≥ 0.95) and contain none of the chrome strings listed
 * in noise.txt. See test/helpers/markdown-structure.ts. Add a fixture with
 * `npx tsx test/fixtures/pages/add-fixture.ts <page.html> <url> [slug]`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { assert, describe, expect, it } from "vitest";
import { compareMarkdown } from "../../test/helpers/markdown-structure.js";
import { extractPage } from "../extract/extract-page.js";

const root = join(import.meta.dirname, "../../test/fixtures/pages");
const slugs = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, "source.html")))
  .map((d) => d.name)
  .sort();

function readLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

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
      const actual = extractPage(readFileSync(join(dir, "source.html"), "utf8"), url).markdown;
      const { problems } = compareMarkdown(actual, expected, { noise: readLines(join(dir, "noise.txt")) });
      if (problems.length > 0) assert.fail(`${slug} differs from expected.md:\n\n${problems.join("\n\n")}`);
    });
  }
});
