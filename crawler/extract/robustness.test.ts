/**
 * Inputs that break extractors: a stylesheet that crashes jsdom's CSS parser (reproduced from an
 * article-benchmark page, f5c90a6d…: a Sass variable left inside calc() in an @media block), an
 * empty page, a 20 MB page, deep nesting and 100k-character runs for turndown. Each must finish
 * in bounded time without throwing.
 */
import { describe, expect, it } from "vitest";
import { extractPage, MAX_HTML_CHARS } from "./extract-page.js";
import { parseWithJsdom } from "./parse-dom.js";

const URL_ = "https://example.test/page.html";
const prose = "<p>This is the article body, long enough to be the main content of the page. </p>".repeat(8);

const JSDOM_CRASHING_CSS = `<style>.a{color:red}
@media (min-width:64em){.slideshow-gallery--embed .slideshow-gallery__slides,.slideshow-gallery--embed .slideshow-gallery__slides .flickity-viewport{min-height:calc(($container-max-width - $secondary-max-width - 16px) / 16 * 9)}}
</style>`;

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

describe("robustness", () => {
  it("parses a page whose CSS crashes jsdom's parser (style stripped and retried)", () => {
    const html = `<html><head>${JSDOM_CRASHING_CSS}</head><body><article><h1>Gallery</h1>${prose}</article></body></html>`;
    const parsed = parseWithJsdom(html, URL_);
    expect(parsed?.document.body.textContent).toContain("article body");
    parsed?.dispose();
    const page = extractPage(html, URL_);
    expect(page.markdown).toContain("# Gallery");
    expect(page.text).toContain("This is the article body");
  });

  it("extracts a thin page with that CSS through the jsdom fallback without throwing", () => {
    // Under 200 readable characters after linkedom: the jsdom second opinion runs and must survive.
    const html = `<html><head>${JSDOM_CRASHING_CSS}</head><body>${"<div>".repeat(3)}<p>Short note.</p></div></div></div>${"<span> </span>".repeat(400)}${"x ".repeat(600)}</body></html>`;
    const page = extractPage(html, URL_);
    expect(page.removed.map((r) => r.reason)).not.toContain("error:extract");
  });

  it.each([
    ["empty string", ""],
    ["whitespace", "   \n\t "],
    ["empty document", "<!doctype html><html><head></head><body></body></html>"],
    ["only a title", "<html><head><title>Nothing here</title></head><body></body></html>"],
  ])("returns an empty page for %s", (_name, html) => {
    const page = extractPage(html, URL_);
    expect(page.markdown).toBe("");
    expect(page.removed.map((r) => r.reason)).not.toContain("error:extract");
    expect(page.headings).toEqual([]);
    expect(page.links).toEqual([]);
  });

  it("handles a 20 MB page in bounded time and memory, reporting the truncation", () => {
    const para = `<p>${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20)}</p>\n`;
    const html = `<html><body><main><h1>Big</h1>${para.repeat(Math.ceil(20e6 / para.length))}</main></body></html>`;
    expect(html.length).toBeGreaterThan(20e6);
    const { value: page, seconds } = timed(() => extractPage(html, URL_));
    expect(seconds).toBeLessThan(45);
    expect(process.memoryUsage().rss).toBeLessThan(3 * 2 ** 30);
    expect(page.markdown.startsWith("# Big\n")).toBe(true);
    expect(page.markdown.length).toBeGreaterThan(0.5 * MAX_HTML_CHARS);
    const cut = page.removed.find((r) => r.reason === "limit:input-truncated");
    expect(cut?.chars).toBe(html.length - (html.length - (cut?.chars ?? 0)));
    expect(cut!.chars).toBeGreaterThan(13e6);
  }, 120_000);

  it.each([
    ["20,000 nested divs", `${"<div>".repeat(20000)}deep${"</div>".repeat(20000)}`],
    ["5,000 nested lists", `<ul>${"<li><ul>".repeat(5000)}<li>x</li>${"</ul></li>".repeat(5000)}</ul>`],
    ["3,000 nested blockquotes", `${"<blockquote>".repeat(3000)}q${"</blockquote>".repeat(3000)}`],
    ["100k letters", `<p>${"a".repeat(100_000)}</p>`],
    ["100k asterisks and underscores", `<p>${"*".repeat(100_000)}</p><p>${"_ ".repeat(50_000)}</p>`],
    ["100k backticks in code", `<pre>${"`".repeat(100_000)}</pre><p>${"`".repeat(100_000)}</p>`],
    ["100k brackets", `<p>${"[".repeat(50_000)}${"](".repeat(50_000)}</p>`],
    ["40k table cells", `<table>${"<tr><td>a</td><td>b</td></tr>".repeat(20_000)}</table>`],
  ])(
    "finishes in bounded time on %s",
    (_name, html) => {
      const { value: page, seconds } = timed(() => extractPage(`<html><body>${html}</body></html>`, URL_));
      expect(typeof page.markdown).toBe("string");
      expect(seconds).toBeLessThan(20);
    },
    60_000,
  );
});
