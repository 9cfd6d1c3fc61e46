import { describe, expect, it } from "vitest";
import { type Block, parseBlocks } from "./markdown-blocks.js";

const kinds = (blocks: Block[]) => blocks.map((b) => b.kind);

describe("parseBlocks", () => {
  it("reads ATX headings with level and text, closing hashes dropped", () => {
    const blocks = parseBlocks("# Title\n\n## Retries ##\n\n###### Deep\n\n#hashtag is prose");
    expect(blocks).toMatchObject([
      { kind: "heading", level: 1, title: "Title" },
      { kind: "heading", level: 2, title: "Retries", text: "## Retries ##" },
      { kind: "heading", level: 6, title: "Deep" },
      { kind: "paragraph", text: "#hashtag is prose" },
    ]);
  });

  it("reads setext headings", () => {
    const blocks = parseBlocks("Big Title\n=========\n\nSub\n---\n\ntext");
    expect(blocks).toMatchObject([
      { kind: "heading", level: 1, title: "Big Title" },
      { kind: "heading", level: 2, title: "Sub" },
      { kind: "paragraph", text: "text" },
    ]);
  });

  it("keeps a fence whole: blank lines and # lines inside are not headings or paragraph breaks", () => {
    const md =
      "Intro\n\n```bash title=install.sh\n# comment, not a heading\n\n\n## still code\necho hi\n```\n\nAfter";
    const blocks = parseBlocks(md);
    expect(kinds(blocks)).toEqual(["paragraph", "code", "paragraph"]);
    const code = blocks[1];
    expect(code?.kind === "code" && code.open).toBe("```bash title=install.sh");
    expect(code?.text).toBe(
      "```bash title=install.sh\n# comment, not a heading\n\n\n## still code\necho hi\n```",
    );
  });

  it("reads tilde fences and needs a closing fence at least as long", () => {
    const blocks = parseBlocks("~~~~py\n~~~\nx = 1\n~~~~\n\n# After");
    expect(kinds(blocks)).toEqual(["code", "heading"]);
    expect(blocks[0]?.text).toBe("~~~~py\n~~~\nx = 1\n~~~~");
  });

  it("runs an unclosed fence to the end and closes it in its text", () => {
    const blocks = parseBlocks("# A\n\n```js\nlet a;\n\n# not heading");
    expect(kinds(blocks)).toEqual(["heading", "code"]);
    expect(blocks[1]?.text).toBe("```js\nlet a;\n\n# not heading\n```");
  });

  it("does not take inline triple backticks with backticks in the info string for a fence", () => {
    expect(kinds(parseBlocks("```inline``` code\n\n# H"))).toEqual(["paragraph", "heading"]);
  });

  it("reads GFM tables (header + delimiter + rows) up to a blank line", () => {
    const md = "Text before\n| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\n\nafter";
    const blocks = parseBlocks(md);
    expect(kinds(blocks)).toEqual(["paragraph", "table", "paragraph"]);
    expect(blocks[1]).toMatchObject({
      header: "| a | b |",
      delimiter: "|---|:-:|",
      rows: ["| 1 | 2 |", "| 3 | 4 |"],
    });
  });

  it("does not read a pipe line over a mismatched delimiter as a table", () => {
    expect(kinds(parseBlocks("a | b\n| --- |"))).toEqual(["paragraph"]);
  });

  it("keeps a loose list with an indented fence (blank and # lines inside) as one list", () => {
    const md = "- one\n- two\n\n  ```sh\n  # comment\n\n  run\n  ```\n\n- three\n\nParagraph";
    const blocks = parseBlocks(md);
    expect(kinds(blocks)).toEqual(["list", "paragraph"]);
    expect(blocks[0]?.text).toContain("  # comment\n\n  run");
    expect(blocks[0]?.text.endsWith("- three")).toBe(true);
  });

  it("reads a fence indented 4+ columns outside a list as indented code", () => {
    expect(kinds(parseBlocks("    ```\n    # code\n\n# Heading"))).toEqual(["code", "heading"]);
  });

  it("reads blockquotes, thematic breaks and indented code", () => {
    const md = "> quoted\n> # inside quote\nlazy\n\n---\n\n    indented code\n\n    more code\n\npara";
    expect(kinds(parseBlocks(md))).toEqual(["blockquote", "rule", "code", "paragraph"]);
  });

  it("treats CRLF and lone CR like LF", () => {
    const blocks = parseBlocks("# A\r\n\r\n```\r\n# x\r\n```\r\npara\rline");
    expect(kinds(blocks)).toEqual(["heading", "code", "paragraph"]);
    expect(blocks[1]?.text).toBe("```\n# x\n```");
    expect(blocks[2]?.text).toBe("para\nline");
  });

  it("handles tabs, empty input and a 10 MB single line without throwing", () => {
    expect(parseBlocks("")).toEqual([]);
    expect(parseBlocks("  \n\t\n")).toEqual([]);
    expect(kinds(parseBlocks("#\tTabbed heading\n\n\tcode"))).toEqual(["heading", "code"]);
    const started = performance.now();
    const blocks = parseBlocks(`# ${"x ".repeat(5_000_000)}`);
    expect(blocks).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
