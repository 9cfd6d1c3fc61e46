import { describe, expect, it } from "vitest";
import { docsSignals, isDocsPage } from "./docs-signals.js";
import { extractPage } from "./extract-page.js";
import { parseWithLinkedom } from "./parse-dom.js";

const story = [
  "The city council voted on Tuesday to expand the bus network into three new districts next spring.",
  "Officials said the plan would add forty buses and cut average waiting times by a third for riders.",
  "Residents who spoke at the meeting welcomed the change but asked for more night services downtown.",
  "The first new routes are expected to open in March, with the rest following before the summer.",
]
  .map((s) => `<p>${s} ${s}</p>`)
  .join("\n");

function article(extra: string): string {
  return `<!doctype html><html lang="en"><head><title>Council expands bus network</title></head><body>
<div class="print-header">https://news.example.test/bus-network Council expands bus network</div>
<div class="story"><h1>Council expands bus network</h1>${story}${extra}</div></body></html>`;
}

describe("article boilerplate", () => {
  it("drops the author box, related-story lists and print-only copies of the headline", () => {
    const page = extractPage(
      article(`<div class="author-bio"><p>Jane Roe covers transport and city hall for the paper. She joined in 2015 after a decade at regional dailies.</p></div>
<div class="related-stories"><h3>More on transport</h3><ul><li><a href="/a">Tram line delayed again as costs rise sharply</a></li><li><a href="/b">Cycle lanes planned for the old harbour road</a></li></ul></div>`),
      "https://news.example.test/bus-network",
    );
    expect(page.text).toContain("forty buses");
    expect(page.text).not.toMatch(/Jane Roe|Tram line|More on transport|https:\/\/news/);
    const reasons = page.removed.map((r) => r.reason);
    expect(reasons).toEqual(expect.arrayContaining(["noise:print-only", "boilerplate:author-bio"]));
  });

  it("drops datelines, comment prompts and follow prompts but keeps a tweet's signature", () => {
    const page = extractPage(
      article(`<p>18 Nov 2019, 10:42</p><blockquote><p>Buses at last!</p><p>— Jane Roe (@janeroe) November 18, 2019</p></blockquote>
<p>Follow us on Twitter @newsexample and on Facebook.</p><h3>Post a comment</h3>`),
      "https://news.example.test/bus-network",
    );
    expect(page.text).toContain("(@janeroe) November 18, 2019");
    expect(page.text).not.toMatch(/18 Nov 2019|Follow us|Post a comment/);
  });

  it("drops a block under a 'You may also like' heading even when its teasers outweigh the story", () => {
    const teaser = (n: number) =>
      `<div class="teaser"><h4><a href="/s${n}">Another story number ${n}</a></h4><p>${"An excerpt of another story that runs on for a while. ".repeat(4)}</p></div>`;
    const page = extractPage(
      article(`</div><div class="more"><h3>You may also like</h3>${[1, 2, 3, 4, 5, 6].map(teaser).join("")}`),
      "https://news.example.test/bus-network",
    );
    expect(page.text).toContain("forty buses");
    expect(page.text).not.toMatch(/Another story|also like/);
  });

  it("drops a copy of the headline inside the story", () => {
    const html = article("").replace(
      '<div class="story">',
      '<div class="story"><p>Council expands bus network</p>',
    );
    const page = extractPage(html, "https://news.example.test/bus-network");
    expect(page.markdown.startsWith("# Council expands bus network\n")).toBe(true);
    expect(page.text).not.toContain("Council expands bus network");
    expect(page.removed.map((r) => r.reason)).toContain("boilerplate:title-repeat");
  });

  it("drops a photo caption and its credit marked by camel-case classes", () => {
    const figure = `<div class="InlineImage-wrapper"><div><img src="/p.jpg" alt=""><div class="InlineImage-imageEmbedCaption">The mayor rides the first new bus along the harbour road on Monday morning.</div><div class="InlineImage-imageEmbedCredit">Jane Roe | Example Photos</div></div></div>`;
    const html = article("").replace("</h1>", `</h1>${figure}`);
    const page = extractPage(html, "https://news.example.test/bus-network");
    expect(page.text).toContain("forty buses");
    expect(page.text).not.toMatch(/mayor rides|Example Photos/);
  });

  it("keeps version labels, a 'comment' keyword and a section whose anchor says 'recommended'", () => {
    const page = extractPage(
      article(`<p>Changes in version 3.10.0 (2016-01-06):</p><ul><li>comment</li><li>Faster buses.</li></ul>
<div><h2 id="what_is_a_recommended_route_">What is a recommended route?</h2><p>The harbour line, which runs every ten minutes from the station to the old town.</p></div>`),
      "https://news.example.test/bus-network",
    );
    expect(page.text).toContain("Changes in version 3.10.0 (2016-01-06):");
    expect(page.text).toMatch(/^comment$/m);
    expect(page.text).toContain("What is a recommended route?");
  });

  it("drops a hover card inside a sentence but keeps the name it pops up over", () => {
    const card = `<span class="rollover-people"><a class="rollover-people-link" href="/people/jane-roe">Jane Roe</a><span class="rollover-people-block"><a href="/people/jane-roe">Jane Q. Roe</a> <a href="/a">Roe wins transport award</a> <a href="/b">Roe opens new depot</a></span></span>`;
    const page = extractPage(
      article("").replace(
        "Officials said",
        `Transport chief ${card} said the plan was long overdue. Officials said`,
      ),
      "https://news.example.test/bus-network",
    );
    expect(page.text).toContain("Transport chief Jane Roe said the plan");
    expect(page.text).not.toMatch(/transport award|new depot/);
  });

  it("drops teaser links tagged [VIDEO], a 'Don't miss' list, raw shortcodes and JavaScript notices", () => {
    const page = extractPage(
      article(`<p><a href="/a">Tram line delayed again as costs rise</a> [VIDEO] <a href="/b">Cycle lanes for the old harbour road</a> [PICS]</p>
<p><strong>DON'T MISS</strong><br><a href="/c">Ferry fares to rise in the new year as fuel costs climb</a> [INSIGHT]<br><a href="/d">Night buses return after a two-year pause downtown</a></p>
<p>[button link="/submit"]Send us your story[/button]</p><p>This slideshow requires JavaScript.</p>`),
      "https://news.example.test/bus-network",
    );
    expect(page.text).toContain("forty buses");
    expect(page.text).not.toMatch(/Tram line|DON'T MISS|Ferry fares|Send us|slideshow/);
  });

  it("drops story cards with linked headlines next to the story, not live-blog entries", () => {
    const card = (n: number) =>
      `<article class="card"><h2><a href="/s${n}">Another story number ${n} in the grid</a></h2><p>A summary of another story.</p></article>`;
    const entry = (n: number) =>
      `<article><h2>Update ${n}: the depot opens</h2><p>Crews finished the new depot at ${n} o'clock and the first buses left on time.</p></article>`;
    const cards = extractPage(
      article(`<section>${[1, 2, 3].map(card).join("")}</section>`),
      "https://news.example.test/bus-network",
    );
    expect(cards.text).not.toContain("Another story");
    const live = extractPage(article([1, 2, 3].map(entry).join("")), "https://news.example.test/bus-network");
    expect(live.text).toContain("Update 2: the depot opens");
  });
});

describe("docs signals", () => {
  const signals = (body: string) => {
    const doc = parseWithLinkedom(`<html><body>${body}</body></html>`)!.document;
    return isDocsPage(docsSignals(doc, null));
  };

  it("does not take a news page's small definition lists for documentation", () => {
    expect(
      signals('<dl><dt><a href="/a">Tram line delayed</a></dt><dd>2 hours ago</dd></dl>'.repeat(3)),
    ).toBe(false);
  });

  it("still counts API entries and definition lists on pages with code", () => {
    expect(
      signals('<dl><dt id="f">f()</dt><dd>Does f.</dd></dl><dl><dt id="g">g()</dt><dd>Does g.</dd></dl>'),
    ).toBe(true);
    expect(
      signals("<p>Use <code>x</code>.</p><dl><dt>a</dt><dd>b</dd></dl><dl><dt>c</dt><dd>d</dd></dl>"),
    ).toBe(true);
  });
});
