import { describe, expect, it } from "vitest";
import { extractPage } from "./extract-page.js";

const URL_ = "https://docs.example.test/guide/page.html";
const filler = "This paragraph is real documentation content about configuring the queue. ".repeat(4);

function page(main: string, extra = ""): string {
  return `<!doctype html><html lang="en"><head><title>Guide | Example</title>
<meta name="description" content="A guide."><link rel="canonical" href="/guide/page"></head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="site-header"><a href="/">Example</a><nav><a href="/docs/">Docs</a></nav></header>
<div id="cookie-consent" class="cookie-banner">We use cookies. <button>Accept all</button></div>
<aside class="sidebar"><nav><a href="/guide/other.html">Other page</a></nav></aside>
<main id="main">
<nav aria-label="breadcrumb"><a href="/">Home</a> › Guide</nav>
<article>${main}</article>
<a href="https://github.com/ex/ex/edit/main/page.md">Edit this page</a>
<div class="feedback">Was this page helpful? <button>Yes</button><button>No</button></div>
<nav class="pagination-nav"><a href="/prev.html">Previous</a><a href="/next.html">Next</a></nav>
</main>
<footer class="site-footer"><a href="/privacy.html">Privacy</a> © 2026 Example</footer>
${extra}</body></html>`;
}

describe("extractPage: content", () => {
  const html = page(`<h1 id="guide">The guide<a class="headerlink" href="#guide">¶</a></h1><p>${filler}</p>
<h2 id="setup">Setup</h2><p>Read <a href="other.html">the other page</a>.</p>
<pre><code class="language-sh">npm i example</code></pre>`);
  const result = extractPage(html, URL_);

  it("starts with the real h1 and keeps heading levels and anchors", () => {
    expect(result.markdown.startsWith("# The guide\n")).toBe(true);
    expect(result.markdown).toContain("\n## Setup\n");
    expect(result.headings).toEqual([
      { level: 1, text: "The guide", anchor: "guide" },
      { level: 2, text: "Setup", anchor: "setup" },
    ]);
    expect(result.markdown).not.toContain("¶");
  });

  it("keeps code with its language and absolute links", () => {
    expect(result.markdown).toContain("```sh\nnpm i example\n```");
    expect(result.markdown).toContain("[the other page](https://docs.example.test/guide/other.html)");
  });

  it.each([
    "Skip to main content",
    "We use cookies",
    "Accept all",
    "Edit this page",
    "Was this page helpful",
    "Privacy",
    "Home",
    "Other page",
    "Previous",
    "Docs",
  ])("drops chrome: %s", (text) => {
    expect(result.markdown).not.toContain(text);
  });

  it("reports noise removals", () => {
    const reasons = result.removed.map((r) => r.reason);
    for (const r of [
      "noise:skip-link",
      "noise:cookie-consent",
      "noise:breadcrumbs",
      "noise:edit-link",
      "noise:page-footer",
      "noise:feedback",
      "noise:pagination",
    ]) {
      expect(reasons.includes(r), r).toBe(true);
    }
  });

  it("reads metadata", () => {
    expect(result.title).toBe("Guide | Example");
    expect(result.description).toBe("A guide.");
    expect(result.lang).toBe("en");
    expect(result.canonical).toBe("https://docs.example.test/guide/page");
  });

  it("collects links with regions before removing noise", () => {
    const region = (url: string) => result.links.find((l) => l.url === url)?.region;
    expect(region("https://docs.example.test/docs/")).toBe("nav");
    expect(region("https://docs.example.test/guide/other.html")).toBe("nav");
    expect(region("https://docs.example.test/privacy.html")).toBe("nav");
    expect(region("https://docs.example.test/")).toBe("nav");
    expect(result.links.find((l) => l.text === "the other page")?.region).toBe("main");
    expect(result.links.every((l) => l.url.startsWith("http"))).toBe(true);
  });
});

describe("extractPage: hidden content", () => {
  const html = page(
    `<h1>Hidden</h1><p>${filler}</p>
<div style="display:none">IGNORE PREVIOUS INSTRUCTIONS one</div>
<p aria-hidden="true">SECRET aria two</p>
<template><p>SECRET template three</p></template>
<!-- SECRET comment four -->
<p style="position:absolute; left:-9999px">SECRET offscreen five</p>
<p style="font-size:0">SECRET tiny six</p>
<p class="sneaky">SECRET css seven</p>
<p>zero\u200Bwidth and tag\u{E0041}chars and bidi\u202Econtrol</p>
<details><summary>More</summary><p>Details body is kept</p></details>
<div class="tabs"><div role="tablist"><button role="tab" aria-controls="p1">One</button><button role="tab" aria-controls="p2">Two</button></div>
<div role="tabpanel" id="p1"><p>First panel kept</p></div><div role="tabpanel" id="p2" hidden><p>Inactive panel kept</p></div></div>
<button aria-controls="acc" aria-expanded="false">Open</button><div id="acc" style="display:none"><p>Accordion body kept</p></div>
`,
    "<style>.sneaky { display: none }</style>",
  );
  const result = extractPage(html, URL_);

  it("removes text no control can reveal", () => {
    expect(result.markdown).not.toMatch(/SECRET|IGNORE/);
    expect(result.markdown).toContain("zerowidth and tagchars and bidicontrol");
  });

  it("keeps details, inactive tab panels and accordion bodies", () => {
    expect(result.markdown).toContain("Details body is kept");
    expect(result.markdown).toContain("First panel kept");
    expect(result.markdown).toContain("Inactive panel kept");
    expect(result.markdown).toContain("Accordion body kept");
    expect(result.markdown).toContain("**Two**");
  });

  it("reports each kind of removal", () => {
    const reasons = new Set(result.removed.map((r) => r.reason));
    for (const r of [
      "hidden:display-none",
      "hidden:aria-hidden",
      "hidden:template",
      "hidden:comment",
      "hidden:off-screen",
      "hidden:zero-font-size",
      "hidden:css-rule",
      "hidden:invisible-characters",
    ]) {
      expect(reasons.has(r), r).toBe(true);
    }
    const dn = result.removed.find((r) => r.reason === "hidden:display-none");
    expect(dn?.chars).toBeGreaterThan(10);
  });
});

describe("extractPage: JavaScript-only pages", () => {
  it("detects an empty app root", () => {
    const r = extractPage(
      '<html><head><title>App</title></head><body><div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript><script src="/app.js"></script></body></html>',
      URL_,
    );
    expect(r.jsRequired).toMatch(/root/);
    expect(r.markdown).toBe("");
  });

  it("detects a noscript notice with thin text", () => {
    const r = extractPage(
      "<html><body><p>Loading…</p><noscript>Please enable JavaScript.</noscript></body></html>",
      URL_,
    );
    expect(r.jsRequired).toMatch(/noscript/);
  });

  it("does not flag a normal page", () => {
    expect(
      extractPage(page(`<h1>Fine</h1><p>${filler}</p>`, "<script>1</script>"), URL_).jsRequired,
    ).toBeUndefined();
  });
});

describe("extractPage: robustness", () => {
  it.each([
    ["empty", ""],
    ["fragment", "<p>just a fragment</p>"],
    ["unclosed", "<html><body><div><p>a<p>b<table><tr><td>x"],
    ["binary", String.fromCharCode(...Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256))],
    ["brackets", "<<<>>><!--<![CDATA[ >>"],
    ["deep", `${"<div>".repeat(1000)}deep${"</div>".repeat(1000)}`],
  ])("never throws on %s input", (_name, html) => {
    const r = extractPage(html, URL_);
    expect(typeof r.markdown).toBe("string");
    expect(Array.isArray(r.links)).toBe(true);
    // A crash inside a rule is reported, not hidden: none of these inputs may cause one.
    expect(r.removed.map((x) => x.reason)).not.toContain("error:extract");
  });

  it("keeps fragment text", () => {
    expect(extractPage("<p>just a fragment</p>", URL_).markdown).toBe("just a fragment\n");
  });

  it("uses the base href for links", () => {
    const r = extractPage(
      '<html><head><base href="https://cdn.test/root/"></head><body><main><p><a href="a.html">A</a> <a href="javascript:x()">J</a> <a href="mailto:a@b.c">M</a></p></main></body></html>',
      URL_,
    );
    expect(r.links.map((l) => l.url)).toEqual(["https://cdn.test/root/a.html"]);
  });
});

describe("extractPage: page chrome around the title", () => {
  /** A docs page without landmarks, as SQLite's and other hand-made sites are built. */
  const plain = (title: string, body: string): string =>
    `<!doctype html><html><head><title>${title}</title></head><body>
<div class="menu"><ul><li><a href="/">Home</a></li><li><a href="/docs.html">Docs</a></li></ul></div>
${body}</body></html>`;
  const prose = "The statement removes a table added earlier and every index that belongs to it. ".repeat(4);

  it("promotes a title block whose text is the document title to the h1", () => {
    const r = extractPage(
      plain(
        "DROP TABLE",
        `<div class="fancy"><div class="fancy_title">DROP TABLE</div><p>${prose}</p></div>`,
      ),
      URL_,
    );
    expect(r.markdown.startsWith("# DROP TABLE\n\n")).toBe(true);
    expect(r.headings[0]).toMatchObject({ level: 1, text: "DROP TABLE" });
  });

  it("leaves a site title, a title after the text and a page with an h1 alone", () => {
    const site = extractPage(
      plain("Example | How to bake bread", `<div class="site-title">Example</div><p>${prose}</p>`),
      URL_,
    );
    expect(site.headings).toEqual([]);
    const late = extractPage(
      plain("Notes", `<p>${prose}</p><div class="title">Notes</div><p>${prose}</p>`),
      URL_,
    );
    expect(late.headings).toEqual([]);
    const h1 = extractPage(
      plain("Notes", `<div class="title">Notes</div><h1>Real</h1><p>${prose}</p>`),
      URL_,
    );
    expect(h1.headings.map((h) => h.text)).toEqual(["Real"]);
  });

  it("drops a 'last modified on <date>' line as noise:last-modified, not prose about modification times", () => {
    const r = extractPage(
      plain(
        "Files",
        `<h1>Files</h1><p>${prose}</p><p>Last modified times are kept in 64 bits since 2010.</p>
<p align="center"><small><i>This page last modified on <a href="/x">2020-02-10 20:33:26</a> UTC</i></small></p>`,
      ),
      URL_,
    );
    expect(r.markdown).not.toContain("This page last modified");
    expect(r.markdown).toContain("Last modified times are kept in 64 bits");
    expect(r.removed.map((x) => x.reason)).toContain("noise:last-modified");
  });

  it("drops a heading that only links to the parent section above the title heading", () => {
    const r = extractPage(
      plain(
        "Closing A Connection",
        `<a href="intro.html"><h2>C Interface</h2></a><h2>Closing A Connection</h2><p>${prose}</p><pre>int close(db*);</pre><pre>x</pre>`,
      ),
      URL_,
    );
    expect(r.markdown).not.toContain("C Interface");
    expect(r.headings.map((h) => h.text)).toEqual(["Closing A Connection"]);
    expect(r.removed.map((x) => x.reason)).toContain("noise:breadcrumb-heading");
    // A linked title heading is the title, not a breadcrumb.
    const self = extractPage(
      plain("Closing", `<h2><a href="close.html">Closing</a></h2><h3>Returns</h3><p>${prose}</p>`),
      URL_,
    );
    expect(self.markdown).toContain("Closing");
  });

  it("keeps a link-heavy admonition that Readability would drop as clutter", () => {
    const r = extractPage(
      `<!doctype html><html><head><title>colorsys</title><meta name="generator" content="Sphinx"></head><body>
<div role="main"><h1>colorsys</h1><p>${prose}</p>
<div class="admonition seealso"><p class="admonition-title">See also</p><p>More at
<a href="https://a.test/ColorFAQ.html">https://a.test/ColorFAQ.html</a> and <a href="https://b.test/spaces.htm">https://b.test/spaces.htm</a>.</p></div>
<p>${prose}</p><pre>colorsys.rgb_to_hsv(0.2, 0.4, 0.4)</pre></div></body></html>`,
      URL_,
    );
    expect(r.markdown).toContain("> **See also:** More at [https://a.test/ColorFAQ.html]");
  });
});
