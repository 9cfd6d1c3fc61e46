import { describe, expect, it } from "vitest";
import { markdownToPlainText } from "./plain-text.js";
import { toMarkdown } from "./to-markdown.js";

const md = (html: string): string => toMarkdown(html, { baseUrl: "https://x.test/docs/page.html" }).markdown;

describe("toMarkdown: inline elements markdown has no syntax for", () => {
  it("keeps superscripts and subscripts as inline HTML, so 2^7 never reads as 27", () => {
    const out = md("<p>2<sup>7</sup> = 128 and H<sub>2</sub>O</p>");
    expect(out).toBe("2<sup>7</sup> = 128 and H<sub>2</sub>O\n");
    expect(markdownToPlainText(out)).toBe("27 = 128 and H2O");
  });

  it("keeps a footnote link inside a superscript", () => {
    expect(md('<p>Claim<sup><a href="#fn1">1</a></sup>.</p>')).toBe(
      "Claim<sup>[1](https://x.test/docs/page.html#fn1)</sup>.\n",
    );
  });

  it("keeps keys as <kbd>", () => {
    const out = md("<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to copy.</p>");
    expect(out).toBe("Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to copy.\n");
    expect(markdownToPlainText(out)).toBe("Press Ctrl+C to copy.");
  });

  it("keeps an abbreviation's expansion, quoted safely", () => {
    const out = md('<p>The <abbr title="Application &quot;Programming&quot; Interface">API</abbr> call.</p>');
    expect(out).toBe('The <abbr title="Application &quot;Programming&quot; Interface">API</abbr> call.\n');
    expect(markdownToPlainText(out)).toBe("The API call.");
    expect(md("<p>An <abbr>HTML</abbr> page.</p>")).toBe("An HTML page.\n");
  });

  it("gives headings their plain text", () => {
    expect(toMarkdown("<h2>H<sub>2</sub>O</h2>").headings).toEqual([{ level: 2, text: "H2O" }]);
  });
});

describe("toMarkdown: escapes only where markdown needs them", () => {
  it("leaves a > inside a sentence alone", () => {
    expect(md("<p>when the prompt ends with a single <em>&gt;</em>, you can pick</p>")).toBe(
      "when the prompt ends with a single _>_, you can pick\n",
    );
    expect(md("<p>[&lt;tree-ish&gt;] and <em>&lt;tree-ish&gt;</em></p>")).not.toContain("\\");
  });

  it("escapes block markers that start a line", () => {
    expect(md("<p>&gt; not a quote</p>")).toBe("\\> not a quote\n");
    expect(md("<p>- not a list</p>")).toBe("\\- not a list\n");
    expect(md("<p>1. not a list</p>")).toBe("1\\. not a list\n");
    expect(md("<ul><li>&gt; quoted in an item</li></ul>")).toBe("- \\> quoted in an item\n");
    expect(md("<p># not a heading</p>")).toBe("\\# not a heading\n");
  });

  it("keeps a heading's leading number in the plain text", () => {
    const out = md("<h2>1. Install</h2><p>2. Run it</p>");
    expect(out).toBe("## 1. Install\n\n2\\. Run it\n");
    expect(markdownToPlainText(out)).toBe("1. Install\n\n2. Run it");
  });

  it("leaves the same characters alone mid-line", () => {
    expect(md("<p>a <b>- b</b> <i>1. c</i> <b># d</b></p>")).toBe("a **- b** _1. c_ **# d**\n");
  });
});

describe("toMarkdown: rules", () => {
  it("drops a rule that separates nothing", () => {
    expect(md("<hr><p>a</p><hr><hr><p>b</p><div><hr></div>")).toBe("a\n\n---\n\nb\n");
  });

  it("keeps a rule between two parts", () => {
    expect(md("<p>a</p><hr><p>b</p>")).toBe("a\n\n---\n\nb\n");
  });
});
