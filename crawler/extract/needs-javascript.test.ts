import { describe, expect, it } from "vitest";
import { extractPage } from "./extract-page.js";
import { needsJavaScript } from "./needs-javascript.js";

const items = Array.from({ length: 24 }, (_, i) => `<li>Item ${i + 1} of the appendix</li>`).join("");

/** A static book page (mdBook's layout): theme scripts, a script-built sidebar, the text in <main>. */
const bookPage = `<!DOCTYPE html><html lang="en" class="light sidebar-visible"><head><title>Appendix - The Book</title>
<script>var path_to_root = "";</script><script src="toc.js"></script></head><body><div id="body-container">
<script>try { var theme = localStorage.getItem("mdbook-theme"); } catch (e) {}</script>
<nav id="sidebar" class="sidebar" aria-label="Table of contents"><mdbook-sidebar-scrollbox class="sidebar-scrollbox"></mdbook-sidebar-scrollbox>
<noscript><iframe class="sidebar-iframe-outer" src="toc.html"></iframe></noscript></nav>
<div id="page-wrapper" class="page-wrapper"><div class="page"><div id="menu-bar" class="menu-bar sticky">
<button id="theme-toggle" class="icon-button" type="button"><i class="fa fa-paint-brush"></i></button>
<h1 class="menu-title">The Book</h1></div>
<div id="content" class="content"><main><h1 id="appendix"><a class="header" href="#appendix">Appendix</a></h1>
<p>The following items are reference material.</p><ul>${items}</ul></main></div></div></div>
<script src="elasticlunr.min.js"></script><script src="book.js"></script></div></body></html>`;

describe("needs JavaScript", () => {
  it("never flags a static page with a heading, a paragraph and a 24-item list", () => {
    const page = extractPage(bookPage, "https://example.test/book/appendix.html");
    expect(page.jsRequired).toBeUndefined();
    expect(page.markdown).toContain("# Appendix");
    expect(page.markdown).toContain("- Item 24 of the appendix");
  });

  it("does not decide by script count when the page shows text of its own", () => {
    const signals = { noscriptAsksForJs: false, scriptCount: 6 };
    expect(needsJavaScript(signals, 0, 1_500)).toBeUndefined();
    expect(needsJavaScript(signals, 0, 12)).toMatch(/script/);
  });

  it("still flags an empty application shell", () => {
    const shell = `<html><head><title>App</title></head><body><div id="root"></div><script src="/app.js"></script></body></html>`;
    expect(extractPage(shell, "https://example.test/").jsRequired).toMatch(/root/);
  });
});
