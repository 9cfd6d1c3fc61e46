import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/helpers/temp-dir.js";
import type { Publication, PublishedTwin } from "./build-publication.js";
import { fitFileName, MAX_NAME_BYTES } from "./fit-file-name.js";
import { writePublication } from "./write-publication.js";

const twin = (path: string): PublishedTwin => ({
  path,
  pageUrl: `https://docs.example.com${path.replace(/\.md$/, "")}`,
  markdown: `# ${path}\n`,
  contentHash: `hash-${path}`,
  lastModified: "Fri, 01 May 2026 10:00:00 GMT",
});

const publication = (twins: PublishedTwin[]): Publication => ({
  llmsTxt: { title: "Docs", sections: [] },
  files: {
    "llms.txt": "# Docs\n",
    "llms-full.txt": "# Docs\n",
    "llms-ctx.txt": "<project/>\n",
    "llms-ctx-full.txt": "<project/>\n",
  },
  twins,
  lastModified: "Fri, 01 May 2026 10:00:00 GMT",
  stats: { pages: twins.length, listed: twins.length, optional: 0, tokens: {} },
});

const bytes = (s: string) => Buffer.byteLength(s);

describe("fitFileName", () => {
  it("keeps a name that fits and shortens a longer one to 255 bytes with its .md suffix", () => {
    expect(fitFileName("retries.html.md", ".md")).toBe("retries.html.md");
    const long = `${"a".repeat(300)}.html.md`;
    const fitted = fitFileName(long, ".md");
    expect(bytes(fitted)).toBe(MAX_NAME_BYTES);
    expect(fitted).toMatch(/^a{200,}~[0-9a-f]{12}\.md$/);
    expect(fitFileName(long, ".md")).toBe(fitted);
    expect(fitFileName(`${"a".repeat(300)}.htm.md`, ".md")).not.toBe(fitted);
  });

  it("never cuts a multi-byte character", () => {
    // 3-byte and 4-byte characters, so the byte limit falls inside one whatever the prefix length.
    for (const ch of ["é", "日", "😀"]) {
      const fitted = fitFileName(`${ch.repeat(200)}.md`, ".md");
      expect(bytes(fitted)).toBeLessThanOrEqual(MAX_NAME_BYTES);
      expect(fitted).not.toContain("\uFFFD");
      expect(Buffer.from(fitted).toString("utf8")).toBe(fitted);
      expect(fitted.split("~")[0]).toBe(ch.repeat([...fitted.split("~")[0]!].length));
    }
  });
});

describe("writePublication", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it("shortens a twin whose name is over 255 bytes, writes the twins after it, and reports it", () => {
    const longName = `${"日本語のページ".repeat(20)}.html.md`;
    const longDir = `${"section-".repeat(40)}`;
    const pub = publication([
      twin("/a.html.md"),
      twin(`/docs/${longName}`),
      twin(`/${longDir}/inner.html.md`),
      twin("/z.html.md"),
    ]);
    const out = join(tmp.path, "public");
    const report = writePublication(pub, out);

    expect(report.failed).toEqual([]);
    expect(report.written).toBe(8);
    expect(report.shortened.map((s) => s.path)).toEqual([`docs/${longName}`, `${longDir}/inner.html.md`]);
    for (const { file } of report.shortened) {
      for (const segment of file.split("/")) expect(bytes(segment)).toBeLessThanOrEqual(MAX_NAME_BYTES);
      expect(readFileSync(join(out, file), "utf8")).toMatch(/^# \//);
    }
    expect(report.shortened[0]!.file).toMatch(/^docs\/日本語のページ.*~[0-9a-f]{12}\.md$/);
    expect(report.shortened[1]!.file).toMatch(/^section-.*~[0-9a-f]{12}\/inner\.html\.md$/);
    expect(readFileSync(join(out, "z.html.md"), "utf8")).toBe("# /z.html.md\n");
    expect(readdirSync(out).sort()).toContain("llms.txt");
  });

  it("reports a file it cannot write and writes the others", () => {
    const out = join(tmp.path, "public");
    // A directory where a twin's file should go: that one write fails.
    mkdirSync(join(out, "b.html.md"), { recursive: true });
    const report = writePublication(
      publication([twin("/a.html.md"), twin("/b.html.md"), twin("/c.html.md")]),
      out,
    );
    expect(report.failed).toEqual([{ path: "b.html.md", code: "EISDIR", message: expect.any(String) }]);
    expect(report.written).toBe(6);
    expect(readFileSync(join(out, "c.html.md"), "utf8")).toBe("# /c.html.md\n");
  });
});
