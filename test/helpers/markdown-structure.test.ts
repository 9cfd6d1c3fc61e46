import { describe, expect, it } from "vitest";
import {
  compareMarkdown,
  inlineText,
  normaliseCode,
  parseMarkdownStructure,
  wordScore,
} from "./markdown-structure.js";

describe("inlineText", () => {
  it("keeps the text of links, images, code spans and emphasis", () => {
    expect(inlineText("[`bisect()`](https://x.test/a#b) and **key** _x_ ![logo](l.png)")).toBe(
      "bisect() and key x logo",
    );
  });

  it("leaves snake_case, escaped brackets and code-span content alone", () => {
    expect(inlineText("wasi_snapshot_preview1 \\<Object\\> `*args` a*b")).toBe(
      "wasi_snapshot_preview1 <Object> *args a*b",
    );
  });

  it("handles nested brackets in link text, raw tags and collapses whitespace", () => {
    expect(inlineText("[a [b] c](https://x.test/(d))   <br/> <em>e</em>")).toBe("a [b] c e");
  });
});

describe("normaliseCode", () => {
  it("drops trailing whitespace and surrounding blank lines, keeps indentation", () => {
    expect(normaliseCode("\n\n  a = 1   \n\tb\n\n")).toBe("  a = 1\n\tb");
  });
});

describe("parseMarkdownStructure", () => {
  it("finds ATX and setext headings, not ones inside code", () => {
    const s = parseMarkdownStructure(
      "# `bisect` — Array [bisection](https://x.test) #\n\nTitle\n=====\n\n```\n# not a heading\n```\n\nSub\n---\n\n###### deep\n",
    );
    expect(s.headings).toEqual([
      { level: 1, text: "bisect — Array bisection" },
      { level: 1, text: "Title" },
      { level: 2, text: "Sub" },
      { level: 6, text: "deep" },
    ]);
  });

  it("does not take a thematic break after a blank line, or a list item, for a setext heading", () => {
    const s = parseMarkdownStructure("Para\n\n---\n\n- item\n---\n");
    expect(s.headings).toEqual([]);
  });

  it("reads fenced code with its language, inside lists and blockquotes too", () => {
    const s = parseMarkdownStructure(
      [
        "```python3 title=x",
        ">>> 1  ",
        "```",
        "",
        "- item",
        "",
        "  ~~~~",
        "  indented",
        "    more",
        "  ~~~~",
        "",
        "> ```js",
        "> a()",
        ">",
        "> b()",
        "> ```",
        "",
        "````md",
        "```",
        "inner",
        "```",
        "````",
      ].join("\n"),
    );
    expect(s.codeBlocks).toEqual([
      { lang: "python3", content: ">>> 1" },
      { lang: "", content: "indented\n  more" },
      { lang: "js", content: "a()\n\nb()" },
      { lang: "md", content: "```\ninner\n```" },
    ]);
  });

  it("reads GFM tables with escaped pipes and pipes in code spans", () => {
    const s = parseMarkdownStructure(
      "| A | B |\n| :-- | --: |\n| [x](https://x.test) | `a|b` |\n| c \\| d | **e** |\n\nafter\n",
    );
    expect(s.tables).toEqual([
      [
        ["A", "B"],
        ["x", "a|b"],
        ["c | d", "e"],
      ],
    ]);
  });

  it("drops markdown syntax and URLs from the plain text", () => {
    const s = parseMarkdownStructure(
      "## Head\n\n- see [docs](https://x.test/docs) at https://y.test/z\n> quoted *text*\n",
    );
    expect(s.plainText).not.toMatch(/x\.test|y\.test|\*|\[|##/);
    expect(s.plainText).toMatch(/Head[\s\S]*see docs at[\s\S]*quoted text/);
  });
});

describe("wordScore", () => {
  it("compares lowercased words as multisets", () => {
    const s = wordScore("The cat, the CAT", "the cat sat");
    expect(s.precision).toBeCloseTo(2 / 4);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3));
  });

  it("counts letters and digits of any script", () => {
    expect(wordScore("café 3.11 日本", "cafe 3 11 日本").recall).toBeCloseTo(3 / 4);
  });
});

describe("compareMarkdown", () => {
  const expected = [
    "# Title",
    "",
    "Some text about [things](https://x.test/things).",
    "",
    "```js",
    "run();",
    "```",
    "",
    "| k | v |",
    "| --- | --- |",
    "| a | 1 |",
    "",
  ].join("\n");

  it("accepts a rendering that differs only in layout and markup details", () => {
    const actual =
      "Title\n=====\n\nSome   text about\n[things](https://other.test).\n\n```js\nrun();   \n\n```\n\n|k|v|\n|-|-|\n|a|1|\n";
    const r = compareMarkdown(actual, expected);
    expect(r.problems).toEqual([]);
    expect(r.text.f1).toBe(1);
  });

  it("names the first differing heading", () => {
    const r = compareMarkdown(expected.replace("# Title", "## Title"), expected);
    expect(r.problems[0]).toMatch(
      /headings differ at #1[\s\S]*expected # "Title"[\s\S]*actual {3}## "Title"/,
    );
  });

  it("names a changed code block, its first differing line, and a wrong or missing language", () => {
    expect(compareMarkdown(expected.replace("run();", "walk();"), expected).problems[0]).toMatch(
      /code block #1 of 1 expected \(got 1\) differs; first differing line 1: expected "run\(\);", got "walk\(\);"/,
    );
    expect(compareMarkdown(expected.replace("```js", "```"), expected).problems[0]).toMatch(
      /language "js" expected, got ""/,
    );
    expect(compareMarkdown("```\nrun();\n```\n", "```\nrun();\n```\n").problems).toEqual([]);
    expect(compareMarkdown("no code", "```\nrun();\n```\n").problems[0]).toMatch(/missing block\nrun\(\);/);
  });

  it("names the first differing table row and missing tables", () => {
    expect(
      compareMarkdown(expected.replace("| a | 1 |", "| a | 2 |"), expected, { minF1: 0 }).problems,
    ).toEqual([
      "table #1 of 1 expected (got 1), row 2 (expected 2 rows, got 2):\n  expected | a | 1 |\n  actual   | a | 2 |",
    ]);
    expect(
      compareMarkdown("# Title\n\nSome text about things.\n\n```js\nrun();\n```\n", expected, { minF1: 0 })
        .problems,
    ).toEqual(["table #1 of 1 expected (got 0): missing table starting | k | v |"]);
  });

  it("reports precision, recall and missing words when the text F1 is too low", () => {
    const r = compareMarkdown("# Title\n\nunrelated words entirely here\n\n```js\nrun();\n```\n", expected, {
      minF1: 0.95,
    });
    const text = r.problems.find((p) => p.startsWith("text F1"));
    expect(text).toMatch(/precision \d+\.\d%, recall \d+\.\d%/);
    expect(text).toMatch(/missing from actual: .*things/);
    expect(text).toMatch(/extra in actual: +.*unrelated/);
  });

  it("flags noise strings present in the output", () => {
    const r = compareMarkdown(`${expected}\nPrevious topic\n`, expected, {
      noise: ["Previous topic", "Next topic"],
      minF1: 0,
    });
    expect(r.problems).toEqual([expect.stringMatching(/^noise "Previous topic" present/)]);
  });
});
