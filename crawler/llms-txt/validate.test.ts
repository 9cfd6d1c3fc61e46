import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServedSite, serveSite } from "../../test/helpers/serve-site.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { conformanceLevel } from "./conformance.js";
import { expandLlmsTxt } from "./expand.js";
import { parseLlmsTxt } from "./parse.js";
import { validateLlmsTxt } from "./validate.js";

const fetchOptions = { timeoutMs: 5000, maxBytes: 1_000_000, userAgent: "agentweb-test" };
const offline = (text: string) => validateLlmsTxt(text, { source: "test", fetch: fetchOptions });

describe("conformance levels", () => {
  it.each([
    ["", 0],
    ["<!doctype html><html><body>404</body></html>", 0],
    ["Some prose\n", 0],
    ["# Title\n", 1],
    ["# Title\n\n## Docs\n\n", 1],
    ["# Title\n\n## Docs\n\n- [A](https://x.dev/a.md)\n", 2],
    ["# Title\n\n> S\n\n## Docs\n\n* [A](https://x.dev/a.md)\n", 2],
    ["# Title\n\n> S\n\n## Docs\n\n- [A](a.md)\n", 2],
    ["# Title\n\n> S\n\n## Docs\n\n- [A](https://x.dev/a.md): n\n", 3],
  ] as const)("%j is level %i", async (text, level) => {
    expect((await offline(text)).level).toBe(level);
  });

  it("needs a link check that found every link markdown for level 4", () => {
    const { llmsTxt, findings } = parseLlmsTxt("# T\n\n> S\n\n## Docs\n\n- [A](https://x.dev/a.md)\n");
    expect(conformanceLevel(llmsTxt, findings, true)).toBe(4);
    expect(conformanceLevel(llmsTxt, findings, false)).toBe(3);
  });
});

describe("validateLlmsTxt offline", () => {
  it("counts tokens with and without Optional, and reports duplicate links with their lines", async () => {
    const text =
      "# T\n\n> S\n\n## Docs\n\n- [A](https://x.dev/a.md)\n- [A again](https://x.dev/a)\n\n## Optional\n\n- [B](https://x.dev/b.md): a long note about b\n";
    const report = await offline(text);
    expect(report.tokens.withOptional).toBeGreaterThan(report.tokens.core);
    expect(report.tokens.core).toBeGreaterThan(5);
    expect(report.findings).toEqual([
      expect.objectContaining({ code: "duplicate-link", line: 8, severity: "warning" }),
    ]);
    expect(report.counts).toEqual({ error: 0, warning: 1, info: 0 });
    expect(report.sections).toBe(2);
    expect(report.links).toBe(3);
  });
});

describe("validateLlmsTxt and expandLlmsTxt against a served site", () => {
  const tmp = tempDir();
  let site: ServedSite;
  let llms: string;

  beforeAll(async () => {
    const root = join(tmp.path, "site");
    mkdirSync(join(root, "docs"), { recursive: true });
    const files: Record<string, string> = {
      "docs/a.md": "# A\n\nAlpha text.\n",
      "docs/b.html":
        "<!doctype html><html><head><title>B</title></head><body><main><h1>B</h1><p>Bravo page with enough words to count as content for the extractor to keep it around.</p></main></body></html>",
      "docs/b.html.md": "# B\n\nBravo text.\n",
      "docs/c.html":
        "<!doctype html><html><head><title>C</title></head><body><main><h1>C</h1><p>Charlie is only HTML, and has a paragraph long enough for the extractor to keep as content.</p></main></body></html>",
      "docs/opt.md":
        "# Opt\n\nOptional text that is rather longer than the others, so the with-Optional count grows.\n",
      "robots.txt": "User-agent: *\nAllow: /\n",
    };
    for (const [rel, body] of Object.entries(files)) writeFileSync(join(root, rel), body);
    site = await serveSite(root);
    const sitemapUrls = ["docs/a", "docs/b.html", "docs/c.html", "docs/d.html"].map(
      (p) => `<url><loc>${site.url}/${p}</loc></url>`,
    );
    writeFileSync(join(root, "sitemap.xml"), `<?xml version="1.0"?><urlset>${sitemapUrls.join("")}</urlset>`);
    llms = [
      "# Served",
      "",
      "> A served test site.",
      "",
      "## Docs",
      "",
      `- [A](${site.url}/docs/a.md): alpha`,
      `- [B](${site.url}/docs/b.html): bravo`,
      "- [C](docs/c.html): charlie, relative",
      `- [Gone](${site.url}/docs/gone.md)`,
      "",
      "## Optional",
      "",
      `- [Opt](${site.url}/docs/opt.md)`,
      "",
    ].join("\n");
    writeFileSync(join(root, "llms.txt"), llms);
    // A gzipped index whose children are a plain-text sitemap and a page that is not a sitemap.
    writeFileSync(
      join(root, "sitemap-index.xml.gz"),
      gzipSync(
        `<sitemapindex><sitemap><loc>${site.url}/sitemap.txt</loc></sitemap><sitemap><loc>${site.url}/docs/b.html</loc></sitemap></sitemapindex>`,
      ),
    );
    writeFileSync(join(root, "sitemap.txt"), `${site.url}/docs/a\n${site.url}/docs/d.html\n`);
  });
  afterAll(async () => {
    await site.close();
    tmp.remove();
  });

  it("finds dead links, HTML links with a .md twin, and sitemap coverage (found through robots.txt or /sitemap.xml)", async () => {
    const report = await validateLlmsTxt(llms, {
      source: "llms.txt",
      fileUrl: `${site.url}/llms.txt`,
      checkLinks: true,
      fetch: fetchOptions,
    });
    const byCode = (code: string) => report.findings.filter((f) => f.code === code).map((f) => f.line);
    expect(byCode("dead-link")).toEqual([10]);
    expect(byCode("html-link-with-md-twin")).toEqual([8]);
    expect(byCode("html-link")).toEqual([9]);
    expect(byCode("relative-url")).toEqual([9]);
    expect(report.linkCheck).toMatchObject({ checked: 5, markdown: 2, html: 2, dead: 1 });
    expect(report.linkCheck!.contextTokens.withOptional).toBeGreaterThan(
      report.linkCheck!.contextTokens.core,
    );
    expect(report.sitemap).toMatchObject({ urls: 4, covered: 3, missing: [`${site.url}/docs/d.html`] });
    expect(report.level).toBe(2);
    expect(report.counts.error).toBe(1);
  });

  it("reaches level 4 when every link resolves to markdown", async () => {
    const clean = `# Served\n\n> S\n\n## Docs\n\n- [A](${site.url}/docs/a.md)\n- [B](${site.url}/docs/b.html.md)\n`;
    const report = await validateLlmsTxt(clean, {
      source: "x",
      checkLinks: true,
      sitemapUrl: `${site.url}/sitemap.xml`,
      fetch: fetchOptions,
    });
    expect(report.level).toBe(4);
    expect(report.counts.error).toBe(0);
    expect(report.sitemap?.covered).toBe(2);
  });

  it("measures coverage against a gzipped sitemap index and a text sitemap, naming a child that is not one", async () => {
    const clean = `# Served\n\n> S\n\n## Docs\n\n- [A](${site.url}/docs/a.md)\n`;
    const report = await validateLlmsTxt(clean, {
      source: "x",
      sitemapUrl: `${site.url}/sitemap-index.xml.gz`,
      fetch: fetchOptions,
    });
    expect(report.sitemap).toMatchObject({ urls: 2, covered: 1, missing: [`${site.url}/docs/d.html`] });
    expect(report.findings.filter((f) => f.code === "sitemap-unreadable").map((f) => f.message)).toEqual([
      `sitemap ${site.url}/docs/b.html: neither <urlset> nor <sitemapindex>`,
    ]);
  });

  it("expands into a context file, preferring .md twins and converting HTML-only pages", async () => {
    const { llmsTxt } = parseLlmsTxt(llms);
    const core = await expandLlmsTxt(llmsTxt, {
      fileUrl: `${site.url}/llms.txt`,
      optional: false,
      fetch: fetchOptions,
    });
    expect(core.docs.map((d) => d.via)).toEqual(["markdown", "md-twin", "html", "failed"]);
    expect(core.text).toMatch(/^<project title="Served" summary="A served test site.">\n/);
    expect(core.text).toContain(
      `<doc title="A" url="${site.url}/docs/a.md" desc="alpha">\n# A\n\nAlpha text.\n</doc>`,
    );
    expect(core.text).toContain("Bravo text.");
    expect(core.text).toContain("Charlie is only HTML");
    expect(core.text).not.toContain("Optional text");
    expect(core.text.trimEnd().endsWith("</project>")).toBe(true);
    const full = await expandLlmsTxt(llmsTxt, {
      fileUrl: `${site.url}/llms.txt`,
      optional: true,
      fetch: fetchOptions,
    });
    expect(full.text).toContain("Optional text");
  });
});
