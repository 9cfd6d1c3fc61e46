import { describe, expect, it } from "vitest";
import type { Chunk } from "../../schemas/chunk.js";
import type { Heading } from "../../schemas/page.js";
import { countTokens } from "../../schemas/tokens.js";
import { page, prose } from "../../test/helpers/chunk-inputs.js";
import { chunkMarkdown } from "./chunk-markdown.js";
import { parseBlocks } from "./markdown-blocks.js";

function fenceBalanced(text: string): boolean {
  // Every fence opened in a chunk is closed in it: an unclosed one would get a synthesised closing
  // line from the parser, and its block text would then not occur verbatim in the chunk.
  return parseBlocks(text).every((b) => b.kind !== "code" || text.includes(b.text));
}

function expectInvariants(chunks: Chunk[]): void {
  chunks.forEach((chunk, i) => {
    expect(chunk.ordinal).toBe(i);
    expect(chunk.tokens).toBe(countTokens(chunk.text));
    expect(chunk.id).toMatch(/^[0-9a-f]{32}$/);
    expect(chunk.text.trim().length).toBeGreaterThan(0);
    expect(fenceBalanced(chunk.text)).toBe(true);
  });
}

describe("chunkMarkdown: sections, paths and anchors", () => {
  const md = [
    "# Configuration",
    "Intro to configuration.",
    "## Retries ¶",
    prose(30),
    "### Back\\_off",
    prose(60, 5),
    "### No id here",
    prose(30, 9),
    "## Timeouts",
    prose(30, 13),
  ].join("\n\n");
  const headings: Heading[] = [
    { level: 1, text: "Configuration", anchor: "configuration" },
    { level: 2, text: "Retries¶", anchor: "retries" },
    { level: 3, text: "Back_off", anchor: "back-off" },
    { level: 3, text: "No id here" },
    { level: 2, text: "Timeouts", anchor: "timeouts" },
  ];
  const chunks = chunkMarkdown(page(md, headings), { targetTokens: 200, maxTokens: 400 });

  it("gives each chunk the path of enclosing headings, h1 first", () => {
    expectInvariants(chunks);
    const paths = chunks.map((c) => c.headingPath.join(" > "));
    expect(paths).toContain("Configuration > Retries");
    expect(paths).toContain("Configuration > Retries > Back_off");
    expect(paths).toContain("Configuration > Retries > No id here");
    expect(paths).toContain("Configuration > Timeouts");
    expect(paths.indexOf("Configuration > Timeouts")).toBeGreaterThan(
      paths.indexOf("Configuration > Retries"),
    );
  });

  it("matches anchors tolerantly and falls back to the nearest ancestor's", () => {
    const byPath = new Map(chunks.map((c) => [c.headingPath.join(" > "), c.anchor]));
    expect(byPath.get("Configuration > Retries")).toBe("retries");
    expect(byPath.get("Configuration > Retries > Back_off")).toBe("back-off");
    expect(byPath.get("Configuration > Retries > No id here")).toBe("retries");
    expect(byPath.get("Configuration > Timeouts")).toBe("timeouts");
  });

  it("starts every chunk with its section heading line and never prefixes the title", () => {
    for (const chunk of chunks) {
      expect(chunk.text.startsWith("#")).toBe(true);
      expect(chunk.text.startsWith("Guide")).toBe(false);
    }
    const backoff = chunks.filter((c) => c.headingPath.at(-1) === "Back_off");
    expect(backoff.length).toBeGreaterThan(1);
    for (const chunk of backoff) expect(chunk.text.startsWith("### Back\\_off\n\n")).toBe(true);
  });

  it("merges a tiny section with the following child and keeps the first one's path", () => {
    const first = chunks[0];
    expect(first?.headingPath).toEqual(["Configuration"]);
    expect(first?.anchor).toBe("configuration");
    expect(first?.text.startsWith("# Configuration\n\nIntro to configuration.")).toBe(true);
  });

  it("merges small sibling sections up to the target", () => {
    const small = [
      "# API",
      "## get",
      "Returns a value.",
      "## set",
      "Stores a value.",
      "## del",
      "Deletes.",
    ].join("\n\n");
    const merged = chunkMarkdown(page(small), { targetTokens: 200 });
    expect(merged).toHaveLength(1);
    expect(merged[0]?.headingPath).toEqual(["API"]);
    expect(merged[0]?.text).toContain("## set\n\nStores a value.");
  });

  it("merges a body-less heading with its child and siblings, but never into a higher level", () => {
    const siblings = chunkMarkdown(page(["# A", "## A.1", "one line", "# B", "other line"].join("\n\n")), {
      targetTokens: 200,
    });
    expect(siblings.map((c) => c.headingPath)).toEqual([["A"]]);
    expect(siblings[0]?.text).toBe("# A\n\n## A.1\n\none line\n\n# B\n\nother line");
    const md2 = ["# Top", prose(40), "### A.1", "one line", "## B", "other line"].join("\n\n");
    const result = chunkMarkdown(page(md2), { targetTokens: 200 });
    expect(result.map((c) => c.headingPath).slice(-2)).toEqual([
      ["Top", "A.1"],
      ["Top", "B"],
    ]);
  });

  it("drops a body-less heading that cannot merge into its large subsection; its text stays in the path", () => {
    const md2 = ["## Parent", "### Child", prose(60)].join("\n\n");
    const result = chunkMarkdown(page(md2), { targetTokens: 100 });
    expect(result.every((c) => c.headingPath.join("/") === "Parent/Child")).toBe(true);
  });

  it("puts content before the first heading under [] and a page without headings under []", () => {
    const withIntro = chunkMarkdown(page(`${prose(40)}\n\n## Later\n\n${prose(40, 3)}`), {
      targetTokens: 200,
    });
    expect(withIntro[0]?.headingPath).toEqual([]);
    expect(withIntro[0]?.anchor).toBe("");
    const flat = chunkMarkdown(page(prose(5)), { targetTokens: 200 });
    expect(flat).toHaveLength(1);
    expect(flat[0]?.headingPath).toEqual([]);
  });

  it("tolerates headings levels shifted by the extractor and headings missing from page.headings", () => {
    const md2 = "## Install\n\ntext\n\n## Extra\n\nmore text here\n\n## Usage\n\nuse it";
    const result = chunkMarkdown(
      page(md2, [
        { level: 3, text: "Install", anchor: "install" },
        { level: 3, text: "Usage", anchor: "usage" },
      ]),
      { targetTokens: 4, maxTokens: 100 },
    );
    expect(result.map((c) => c.anchor)).toEqual(["install", "", "usage"]);
  });
});

describe("chunkMarkdown: code fences and tables", () => {
  it("never splits a fence within maxTokens, even over the target; # and blank lines inside are code", () => {
    const code = Array.from({ length: 30 }, (_, i) =>
      i % 5 === 0 ? `# step ${i}\n` : `run --flag ${i}`,
    ).join("\n");
    const md = `## Setup\n\n${prose(10)}\n\n\`\`\`bash\n${code}\n\`\`\`\n\n${prose(10, 2)}`;
    const fenceTokens = countTokens(`\`\`\`bash\n${code}\n\`\`\``);
    const target = Math.floor(fenceTokens / 2);
    const chunks = chunkMarkdown(page(md), { targetTokens: target, maxTokens: fenceTokens + 50 });
    expectInvariants(chunks);
    const holding = chunks.filter((c) => c.text.includes("```bash"));
    expect(holding).toHaveLength(1);
    expect(holding[0]?.text).toContain(`\`\`\`bash\n${code}\n\`\`\``);
    for (const chunk of chunks) expect(chunk.headingPath).toEqual(["Setup"]);
  });

  it("splits a fence over maxTokens at line boundaries, re-opening it with its language in every part", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `const value${i} = compute(${i}); // line ${i}`);
    const md = `## Big\n\n\`\`\`ts\n${lines.join("\n")}\n\`\`\``;
    const chunks = chunkMarkdown(page(md), { targetTokens: 300, maxTokens: 600 });
    expectInvariants(chunks);
    expect(chunks.length).toBeGreaterThan(3);
    const seen: string[] = [];
    for (const chunk of chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(600);
      expect(chunk.text.startsWith("## Big\n\n```ts\n")).toBe(true);
      expect(chunk.text.endsWith("\n```")).toBe(true);
      const blocks = parseBlocks(chunk.text);
      expect(blocks.map((b) => b.kind)).toEqual(["heading", "code"]);
      const code = blocks[1];
      if (code?.kind === "code") seen.push(...code.body);
    }
    expect(seen).toEqual(lines);
  });

  it("keeps an intro line with the code sample it introduces when the max allows", () => {
    const code = Array.from({ length: 40 }, (_, i) => `client.call(${i}); // step ${i}`).join("\n");
    const md = `## Usage\n\nRun this:\n\n\`\`\`js\n${code}\n\`\`\``;
    const fence = countTokens(`\`\`\`js\n${code}\n\`\`\``);
    const chunks = chunkMarkdown(page(md), { targetTokens: fence, maxTokens: fence * 2 });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.text.startsWith("## Usage\n\nRun this:\n\n```js\n")).toBe(true);
  });

  it("never splits a table within maxTokens", () => {
    const rows = Array.from({ length: 20 }, (_, i) => `| opt${i} | ${i} | sets option ${i} |`);
    const table = ["| name | default | meaning |", "| --- | --- | --- |", ...rows].join("\n");
    const md = `## Options\n\n${prose(8)}\n\n${table}\n\n${prose(8, 1)}`;
    const tableTokens = countTokens(table);
    const chunks = chunkMarkdown(page(md), {
      targetTokens: Math.floor(tableTokens / 2),
      maxTokens: tableTokens + 20,
    });
    const holding = chunks.filter((c) => c.text.includes("| opt"));
    expect(holding).toHaveLength(1);
    expect(holding[0]?.text).toContain(table);
  });

  it("splits a table over maxTokens between rows, repeating header and delimiter in every part", () => {
    const rows = Array.from({ length: 300 }, (_, i) => `| opt${i} | ${i * 10} | sets option number ${i} |`);
    const md = ["## Options", "| name | default | meaning |", "|:---|---:|---|", ...rows].join("\n");
    const chunks = chunkMarkdown(page(md), { targetTokens: 200, maxTokens: 400 });
    expectInvariants(chunks);
    expect(chunks.length).toBeGreaterThan(3);
    const seen: string[] = [];
    for (const chunk of chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(400);
      const blocks = parseBlocks(chunk.text);
      expect(blocks.map((b) => b.kind)).toEqual(["heading", "table"]);
      const table = blocks[1];
      if (table?.kind !== "table") throw new Error("expected a table");
      expect(table.header).toBe("| name | default | meaning |");
      expect(table.delimiter).toBe("|:---|---:|---|");
      seen.push(...table.rows);
    }
    expect(seen).toEqual(rows);
  });

  it("keeps a single table row that alone exceeds maxTokens whole (unsplittable)", () => {
    const md = `| a | b |\n| - | - |\n| ${prose(40)} | x |\n| small | y |`;
    const chunks = chunkMarkdown(page(md), { targetTokens: 50, maxTokens: 100 });
    const big = chunks.find((c) => c.tokens > 100);
    expect(big?.text).toContain(`| ${prose(40)} | x |`);
    for (const chunk of chunks) expect(parseBlocks(chunk.text).map((b) => b.kind)).toEqual(["table"]);
  });

  it("runs an unclosed fence to the end: nothing after it is a heading", () => {
    const md = `## Start\n\ntext\n\n\`\`\`py\nprint(1)\n\n# Not a heading\n${"x = 1\n".repeat(50)}`;
    const chunks = chunkMarkdown(page(md), { targetTokens: 60, maxTokens: 120 });
    expectInvariants(chunks);
    for (const chunk of chunks) {
      expect(chunk.headingPath).toEqual(["Start"]);
      expect(fenceBalanced(chunk.text)).toBe(true);
    }
    expect(chunks.some((c) => c.text.includes("# Not a heading"))).toBe(true);
  });

  it("splits an oversize list between items and keeps nested fences whole", () => {
    const items = Array.from({ length: 60 }, (_, i) =>
      i === 30 ? "- item with code:\n\n  ```sh\n  # comment\n\n  make\n  ```" : `- item ${i}: ${prose(1, i)}`,
    );
    const chunks = chunkMarkdown(page(`## List\n\n${items.join("\n")}`), {
      targetTokens: 100,
      maxTokens: 200,
    });
    expectInvariants(chunks);
    const withCode = chunks.filter((c) => c.text.includes("make"));
    expect(withCode).toHaveLength(1);
    expect(withCode[0]?.text).toContain("  ```sh\n  # comment\n\n  make\n  ```");
    for (const chunk of chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(200);
      expect(chunk.text.split("\n")[2]).toMatch(/^- item/);
    }
  });
});

describe("chunkMarkdown: sizes", () => {
  it("honours the target on long prose and keeps every chunk within maxTokens", () => {
    const paragraphs = Array.from({ length: 60 }, (_, i) => prose(3 + (i % 7), i));
    const md = `# Long\n\n${paragraphs.join("\n\n")}\n\n## Giant paragraph\n\n${prose(200)}`;
    const chunks = chunkMarkdown(page(md), { targetTokens: 256 });
    expectInvariants(chunks);
    for (const chunk of chunks) expect(chunk.tokens).toBeLessThanOrEqual(512);
    const withinTarget = chunks.filter((c) => c.tokens <= 256).length;
    expect(withinTarget / chunks.length).toBeGreaterThan(0.9);
    const mean = chunks.reduce((sum, c) => sum + c.tokens, 0) / chunks.length;
    expect(mean).toBeGreaterThan(256 * 0.6);
  });

  it("splits a giant paragraph at sentence boundaries, then at words", () => {
    const chunks = chunkMarkdown(page(prose(300)), { targetTokens: 100 });
    for (const chunk of chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(200);
      expect(chunk.text).toMatch(/^The .* ends\.$/s);
    }
    const words = chunkMarkdown(page("word ".repeat(3000)), { targetTokens: 100 });
    expect(words.length).toBeGreaterThan(10);
    for (const chunk of words) expect(chunk.tokens).toBeLessThanOrEqual(200);
    expect(words.map((c) => c.text).join(" ")).toBe("word ".repeat(3000).trim());
  });

  it("lowers the target to an explicit smaller maxTokens", () => {
    const chunks = chunkMarkdown(page(prose(100)), { targetTokens: 500, maxTokens: 100 });
    for (const chunk of chunks) expect(chunk.tokens).toBeLessThanOrEqual(100);
  });
});

describe("chunkMarkdown: ids, determinism and odd input", () => {
  it("gives stable ids across runs and new ids when the text changes", () => {
    const md = `# A\n\n${prose(50)}\n\n## B\n\n${prose(50, 7)}`;
    const one = chunkMarkdown(page(md), { targetTokens: 128 });
    const two = chunkMarkdown(page(md), { targetTokens: 128 });
    expect(two).toEqual(one);
    expect(new Set(one.map((c) => c.id)).size).toBe(one.length);
    const edited = chunkMarkdown(page(md.replace("number 3 ", "number three ")), { targetTokens: 128 });
    expect(edited[0]?.id).not.toBe(one[0]?.id);
    expect(edited.at(-1)?.id).toBe(one.at(-1)?.id);
    const otherUrl = chunkMarkdown(
      { ...page(md), url: "https://docs.example.com/other" },
      { targetTokens: 128 },
    );
    expect(otherUrl[0]?.id).not.toBe(one[0]?.id);
  });

  it("returns [] for empty or whitespace markdown", () => {
    expect(chunkMarkdown(page(""), { targetTokens: 100 })).toEqual([]);
    expect(chunkMarkdown(page(" \n\t\r\n  "), { targetTokens: 100 })).toEqual([]);
  });

  it("treats CRLF like LF", () => {
    const md = `# A\n\n${prose(20)}\n\n\`\`\`\n# code\n\nmore\n\`\`\`\n\n## B\n\n${prose(20, 4)}`;
    const lf = chunkMarkdown(page(md), { targetTokens: 100 });
    const crlf = chunkMarkdown(page(md.replace(/\n/g, "\r\n")), { targetTokens: 100 });
    expect(crlf.map((c) => c.text)).toEqual(lf.map((c) => c.text));
    expect(crlf.map((c) => c.headingPath)).toEqual(lf.map((c) => c.headingPath));
  });

  it("never throws on odd input", () => {
    const odd = [
      "```\n```\n```",
      "~~~\n",
      "#\n##\n###",
      "|\n|-|\n|",
      "> ```\n> # x\n\n> y",
      "- \n-\n  ```\n",
      "\t\t# tabbed\n\t- x\n\t```",
      "\u0000\uffff\ud800 lone surrogate",
      "a\\\n\\",
      "    \n    code\n",
      "Setext\n===\n---\n***",
    ];
    for (const md of odd) {
      const chunks = chunkMarkdown(page(md), { targetTokens: 5, maxTokens: 10 });
      expectInvariants(chunks);
    }
  });
});
