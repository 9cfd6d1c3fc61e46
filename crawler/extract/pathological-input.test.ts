/**
 * Pages made of long runs of the characters markdown and HTML give meaning to. Each step of
 * extraction (escaping, turndown's rules and final trim, cleanup, plain text, parsing) once had a
 * pattern that retried from every character of such a run, so one page of 100–500 KB could take
 * minutes and stall a crawl. Each must now extract in a worker well within a generous bound.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createExtractPool } from "../extract-pool/extract-pool.js";
import { flattenDeepMarkup, MAX_MARKUP_DEPTH } from "./deep-markup.js";

const wrap = (body: string) =>
  `<!doctype html><html><head><title>T</title></head><body><main><h1>Page</h1>${body}</main></body></html>`;

const PAGES: Array<[string, string]> = [
  ["100k ‹", `<p>${"‹".repeat(100_000)}</p>`],
  ["100k &lsaquo;", `<p>${"&lsaquo;".repeat(100_000)}</p>`],
  ["50k backslashes", `<p>${"\\".repeat(50_000)}</p>`],
  ["*_`[ ×30k", `<p>${"*_`[".repeat(30_000)}</p>`],
  ["*_\\`[ ×30k", `<p>${"*_\\`[".repeat(30_000)}</p>`],
  ["100k &lt;", `<p>${"&lt;".repeat(100_000)}</p>`],
  ["100k < and spaces", `<p>${"< ".repeat(100_000)}</p>`],
  ["100k &amp;", `<p>${"&amp;".repeat(100_000)}</p>`],
  ["100k [", `<p>${"[".repeat(100_000)}</p>`],
  ["100k ![", `<p>${"![".repeat(100_000)}</p>`],
  ["50k [a](", `<p>${"[a](".repeat(50_000)}</p>`],
  ["50k \\[", `<p>${"\\[".repeat(50_000)}</p>`],
  ["100k _", `<p>${"_".repeat(100_000)}</p>`],
  ["50k nested <b><i>", `<p>${"<b><i>".repeat(50_000)}x${"</i></b>".repeat(50_000)}</p>`],
  ["50k unclosed <b><i>", `<p>${"<b><i>x".repeat(50_000)}</p>`],
  ["2 MB line without spaces", `<p>${"abcdefghij".repeat(200_000)}</p>`],
  ["100k | in a paragraph", `<p>${"|".repeat(100_000)}</p>`],
  [
    "100k | in table code",
    `<table><tr><th>a</th><th>b</th></tr><tr><td><code>${"|".repeat(100_000)}</code></td><td>x</td></tr></table>`,
  ],
  ["100k backticks", `<p>${"`".repeat(100_000)}</p>`],
  ["100k backticks and spaces", `<p>${"` ".repeat(100_000)}</p>`],
  ["100k backticks in code", `<p><code>${"`".repeat(100_000)}</code></p>`],
  ["50k fence lines in pre", `<pre>${"```\n".repeat(50_000)}</pre>`],
  ["100k #", `<p>${"#".repeat(100_000)}</p>`],
  ["100k # in a heading", `<h2>${"#".repeat(100_000)}</h2>`],
  ["*_`[\\ ×20k in a heading", `<h2>${"*_`[\\".repeat(20_000)}</h2>`],
  ["100k - lines", `<p>${"-\n".repeat(100_000)}</p>`],
  ["100k - lines in pre", `<pre>${"-\n".repeat(100_000)}</pre>`],
  ["100k \\n\\n", `<p>a${"\n\n".repeat(100_000)}b</p>`],
  ["100k \\n\\n in pre", `<pre>a${"\n\n".repeat(100_000)}b</pre>`],
  ["200k spaces in pre", `<pre>a${" ".repeat(200_000)}b</pre>`],
  ["100k &nbsp;", `<p>a${"&nbsp;".repeat(100_000)}b</p>`],
  ["100k ¶", `<p>${"¶ ".repeat(100_000)}</p>`],
  ["50k empty links", `<p>${"[](x)".repeat(50_000)}</p>`],
  [
    "*_`[\\| ×20k in a table cell",
    `<table><tr><th>a</th></tr><tr><td>${"*_`[\\|".repeat(20_000)}</td></tr></table>`,
  ],
];

const pool = createExtractPool({ size: 1, timeoutMs: 60_000 });
afterAll(() => pool.close());

describe("pathological input", () => {
  it.each(PAGES)(
    "extracts %s in a worker within the bound",
    async (_name, body) => {
      const html = wrap(body);
      const started = performance.now();
      const { extracted, threadId } = await pool.extract(html, "https://x.test/p");
      const seconds = (performance.now() - started) / 1000;
      expect(threadId).toBeGreaterThan(0);
      expect(extracted.markdown.startsWith("# Page\n")).toBe(true);
      // Wall time on a shared machine: the quadratic steps these pages used to hit took minutes.
      expect(seconds).toBeLessThan(20);
    },
    120_000,
  );

  it("keeps the text of markup nested past the parser's depth limit", () => {
    const deep = `<div>${"<span>".repeat(MAX_MARKUP_DEPTH + 500)}deep text${"</span>".repeat(MAX_MARKUP_DEPTH + 500)}</div>`;
    const { html, dropped } = flattenDeepMarkup(deep);
    // The div is at depth 1: spans at depths 2001 to 2501 go, with their closing tags.
    expect(dropped).toBe(501 * ("<span>".length + "</span>".length));
    expect(html).toContain("deep text");
    expect(html.match(/<span>/g)).toHaveLength(MAX_MARKUP_DEPTH - 1);
    const shallow = `<ul>${"<li>item".repeat(10_000)}</ul><script>${"<b>".repeat(5000)}</script>`;
    expect(flattenDeepMarkup(shallow)).toEqual({ html: shallow, dropped: 0 });
  });
});
