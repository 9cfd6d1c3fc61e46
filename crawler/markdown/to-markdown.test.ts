import { describe, expect, it } from "vitest";
import { toMarkdown } from "./to-markdown.js";

const md = (html: string): string => toMarkdown(html, { baseUrl: "https://x.test/docs/page.html" }).markdown;

describe("toMarkdown: code blocks", () => {
  it.each([
    ['<pre><code class="language-ts">let a = 1;</code></pre>', "ts"],
    ['<pre class="lang-go"><code>x := 1</code></pre>', "go"],
    [
      '<div class="highlight-python notranslate"><div class="highlight"><pre>x = 1</pre></div></div>',
      "python",
    ],
    ['<pre class="brush: js; gutter: false">x()</pre>', "js"],
    ['<pre data-lang="json">{"a": 1}</pre>', "json"],
    ['<pre><code data-language="rust">fn f() {}</code></pre>', "rust"],
  ])("fences %s as %s", (html, lang) => {
    expect(md(html)).toMatch(new RegExp(`^\`\`\`${lang}\\n`));
  });

  it("fences a <pre> without <code> and keeps <br> lines, dropping line numbers and copy buttons", () => {
    const out = md(
      '<pre><span class="linenos">1</span>a<br><span class="linenos">2</span>b<button>Copy</button></pre>',
    );
    expect(out).toBe("```\na\nb\n```\n");
  });

  it("uses a longer fence when the code contains backticks", () => {
    expect(md("<pre>```inner```</pre>")).toBe("````\n```inner```\n````\n");
  });
});

describe("toMarkdown: tables", () => {
  it("renders a simple table as GFM", () => {
    expect(md("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>x|y</td></tr></table>")).toBe(
      "| a | b |\n| --- | --- |\n| 1 | x\\|y |\n",
    );
  });

  it("keeps complex tables (colspan, rowspan, nested) as rows", () => {
    const out = md(
      '<table><tr><td>h1</td><td>h2</td><td>h3</td></tr><tr><td rowspan="2">r</td><td colspan="2">wide</td></tr><tr><td>p</td><td><table><tr><td>n1</td><td>n2</td></tr></table></td></tr></table>',
    );
    expect(out).toBe("| h1 | h2 | h3 |\n| --- | --- | --- |\n| r | wide | |\n| r | p | n1, n2 |\n");
  });

  it("renders a header-less list table (DocBook simplelist, one value per row) as a bullet list", () => {
    expect(
      md(
        '<p>Accepted:</p><table class="simplelist"><tr><td><code>true</code></td></tr><tr><td><code>yes</code></td></tr></table>',
      ),
    ).toBe("Accepted:\n\n- `true`\n- `yes`\n");
    expect(
      md('<table class="simplelist"><tr><td>a</td><td>b</td></tr><tr><td>c</td><td></td></tr></table>'),
    ).toBe("- a\n- b\n- c\n");
    expect(md("<table><tr><td>a</td></tr><tr><td>b</td></tr></table>")).toBe("- a\n- b\n");
  });

  it("renders a one-column layout table as blocks", () => {
    expect(md("<table><tr><td><p>one</p></td></tr><tr><td><p>two</p></td></tr></table>")).toBe(
      "one\n\ntwo\n",
    );
  });
});

describe("toMarkdown: blocks", () => {
  it("renders admonitions as labelled blockquotes", () => {
    expect(
      md('<div class="admonition warning"><p class="admonition-title">Warning</p><p>Hot.</p></div>'),
    ).toBe("> **Warning:** Hot.\n");
    expect(md('<aside class="admonition"><p>Plain note.</p></aside>')).toBe("> **Note:** Plain note.\n");
    expect(md('<div class="callout tip"><p>A tip.</p><pre>x</pre></div>')).toBe(
      "> **Tip:** A tip.\n>\n> ```\n> x\n> ```\n",
    );
  });

  it("renders a blockquote that only indents a <pre> as a plain code block", () => {
    expect(md("<blockquote><pre>\nint x;\n</pre></blockquote>")).toBe("```\nint x;\n```\n");
    expect(md("<blockquote><p>Quoted:</p><pre>x</pre></blockquote>")).toBe(
      "> Quoted:\n>\n> ```\n> x\n> ```\n",
    );
  });

  it("puts a link around a heading inside the heading", () => {
    const r = toMarkdown('<a href="intro.html"><h2>C Interface</h2></a>', {
      baseUrl: "https://x.test/c/p.html",
    });
    expect(r.markdown).toBe("## [C Interface](https://x.test/c/intro.html)\n");
    expect(r.headings).toEqual([{ level: 2, text: "C Interface" }]);
  });

  it("renders definition lists", () => {
    expect(md("<dl><dt>term</dt><dd>meaning</dd></dl>")).toBe("**term**\n: meaning\n");
  });

  it("keeps heading levels and drops permalink glyphs", () => {
    const r = toMarkdown(
      '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><section id="s"><h3>Sub <a href="#s">#</a></h3></section>',
    );
    expect(r.markdown).toBe("# Title\n\n### Sub\n");
    expect(r.headings).toEqual([
      { level: 1, text: "Title", anchor: "t" },
      { level: 3, text: "Sub", anchor: "s" },
    ]);
  });

  it("lists heading text without code ticks or emphasis", () => {
    const r = toMarkdown('<h3 id="c">Class: <code>StringDecoder</code> <strong>new</strong></h3>');
    expect(r.markdown).toBe("### Class: `StringDecoder` **new**\n");
    expect(r.headings).toEqual([{ level: 3, text: "Class: StringDecoder new", anchor: "c" }]);
  });

  it("uses - bullets and indents nested lists", () => {
    expect(md("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>")).toBe("- a\n  - b\n- c\n");
  });
});

describe("toMarkdown: links and images", () => {
  it("makes links and images absolute and drops empty links and alt-less images", () => {
    expect(
      md('<p><a href="../a.html">A</a> <a href="/x"></a> <img src="i.png" alt="Pic"> <img src="j.png"></p>'),
    ).toBe("[A](https://x.test/a.html) ![Pic](https://x.test/docs/i.png)\n");
  });

  it("renders inline code with markup inside as one span of its plain text", () => {
    expect(
      md(
        '<p>Use <code class="literal">TRUNCATE TABLE\n <em class="replaceable"><code>name</code></em></code>.</p>',
      ),
    ).toBe("Use `TRUNCATE TABLE name`.\n");
    expect(md('<p><code><a href="String.html">String</a></code> or <code>a`b</code></p>')).toBe(
      "[`String`](https://x.test/docs/String.html) or ``a`b``\n",
    );
  });

  it("does not escape intra-word underscores", () => {
    expect(md("<p>use snake_case and __init__</p>")).toBe("use snake_case and \\_\\_init\\_\\_\n");
  });

  it("collapses blank lines and trims trailing spaces", () => {
    expect(md("<p>a  </p><div><br><br><br></div><p>b</p>")).toBe("a\n\nb\n");
  });
});
