import { describe, expect, it } from "vitest";
import { parseLlmsTxt } from "./parse.js";

/** The proposal's own example, well-formed: the strict parser must read it exactly as the reference does. */
const WELL_FORMED = `# FastHTML

> FastHTML is a python library which brings together Starlette, Uvicorn, HTMX, and fastcore's \`FT\` "FastTags" into a library for creating server-rendered hypermedia applications.

Important notes:

- Although parts of its API are inspired by FastAPI, it is *not* compatible with FastAPI syntax and is not targeted at creating API services
- FastHTML is compatible with JS-native web components and any vanilla JS library, but not with React, Vue, or Svelte.

## Docs

- [FastHTML quick start](https://fastht.ml/docs/tutorials/quickstart_for_web_devs.html.md): A brief overview of many FastHTML features
- [HTMX reference](https://raw.githubusercontent.com/path/reference.md): Brief description of all HTMX attributes, CSS classes, headers, events, extensions, js lib methods, and config options

## Examples

- [Todo list application](https://raw.githubusercontent.com/path/adv_app.py): Detailed walk-thru of a complete CRUD app in FastHTML showing idiomatic use of FastHTML and HTMX patterns.

## Optional

- [Starlette full documentation](https://gist.githubusercontent.com/path/starlette-sml.md): A subset of the Starlette documentation useful for FastHTML development.
`;

const codes = (text: string | Uint8Array) => parseLlmsTxt(text).findings.map((f) => f.code);
const strip = (links: { line?: number }[]) => links.map(({ line: _, ...l }) => l);

describe("parseLlmsTxt, strict: a well-formed file reads as the reference parser reads it", () => {
  const { llmsTxt, findings } = parseLlmsTxt(WELL_FORMED);

  it("has no findings", () => expect(findings).toEqual([]));

  it("takes the title from the H1 and the summary from the blockquote", () => {
    expect(llmsTxt.title).toBe("FastHTML");
    expect(llmsTxt.summary).toMatch(/^FastHTML is a python library .* hypermedia applications\.$/);
  });

  it("keeps the text between summary and first H2 as info, list items included", () => {
    expect(llmsTxt.info).toMatch(/^Important notes:\n\n- Although parts/);
    expect(llmsTxt.info).toMatch(/Vue, or Svelte\.$/);
  });

  it("splits sections at H2, marks Optional by exact name, reads title, url and notes", () => {
    expect(llmsTxt.sections.map((s) => [s.name, s.optional, s.links.length])).toEqual([
      ["Docs", false, 2],
      ["Examples", false, 1],
      ["Optional", true, 1],
    ]);
    expect(strip(llmsTxt.sections[0]!.links)[1]).toEqual({
      title: "HTMX reference",
      url: "https://raw.githubusercontent.com/path/reference.md",
      notes:
        "Brief description of all HTMX attributes, CSS classes, headers, events, extensions, js lib methods, and config options",
    });
  });

  it("records the line of each link and section", () => {
    expect(llmsTxt.sections[0]!.line).toBe(10);
    expect(llmsTxt.sections[0]!.links[0]!.line).toBe(12);
  });

  it("accepts a link without notes and a link line without the space after the dash", () => {
    const { llmsTxt: d, findings: f } = parseLlmsTxt(
      "# P\n\n> S\n\n## Docs\n\n-[A](https://x.dev/a.md)\n- [B](https://x.dev/b.md)\n",
    );
    expect(f).toEqual([]);
    expect(strip(d.sections[0]!.links)).toEqual([
      { title: "A", url: "https://x.dev/a.md" },
      { title: "B", url: "https://x.dev/b.md" },
    ]);
  });

  it("reads a file with only an H1 and the optional parts missing", () => {
    const { llmsTxt: d, findings: f } = parseLlmsTxt("# Just a title\n");
    expect(d).toEqual({ title: "Just a title", sections: [] });
    expect(f).toEqual([]);
  });

  it("keeps info absent when the file has a summary and sections only", () => {
    const { llmsTxt: d } = parseLlmsTxt("# P\n> S\n## Docs\n- [A](https://x.dev/a)\n");
    expect(d.summary).toBe("S");
    expect(d.info).toBeUndefined();
  });
});

describe("parseLlmsTxt, lenient: real files never throw, each deviation is a finding", () => {
  it("reads CRLF line endings and a BOM", () => {
    const { llmsTxt, findings } = parseLlmsTxt(
      "\uFEFF# P\r\n\r\n> S\r\n\r\n## Docs\r\n\r\n- [A](https://x.dev/a.md): n\r\n",
    );
    expect(llmsTxt.title).toBe("P");
    expect(strip(llmsTxt.sections[0]!.links)).toEqual([
      { title: "A", url: "https://x.dev/a.md", notes: "n" },
    ]);
    expect(findings.map((f) => f.code).sort()).toEqual(["bom", "crlf"]);
  });

  it("keeps links under an H3 inside a section in that section", () => {
    const { llmsTxt, findings } = parseLlmsTxt(
      "# P\n\n## Docs\n\n### Basics\n\n- [A](https://x.dev/a)\n\n### More\n\n- [B](https://x.dev/b)\n",
    );
    expect(llmsTxt.sections).toHaveLength(1);
    expect(llmsTxt.sections[0]!.links.map((l) => l.title)).toEqual(["A", "B"]);
    expect(findings.filter((f) => f.code === "subheading-in-section").map((f) => f.line)).toEqual([5, 9]);
  });

  it("reads * and + bullets, with a warning", () => {
    const { llmsTxt, findings } = parseLlmsTxt(
      "# P\n\n## Docs\n\n* [A](https://x.dev/a)\n+ [B](https://x.dev/b)\n",
    );
    expect(llmsTxt.sections[0]!.links.map((l) => l.title)).toEqual(["A", "B"]);
    expect(findings.filter((f) => f.code === "bullet-style")).toHaveLength(2);
    expect(findings.every((f) => f.severity !== "error")).toBe(true);
  });

  it("ignores prose and code blocks inside sections, and never reads links inside code", () => {
    const text =
      "# P\n\n## Docs\n\nSome prose here.\n\n```md\n- [Not a link](https://x.dev/no)\n## Not a section\n```\n\n- [A](https://x.dev/a)\n";
    const { llmsTxt, findings } = parseLlmsTxt(text);
    expect(llmsTxt.sections.map((s) => s.name)).toEqual(["Docs"]);
    expect(llmsTxt.sections[0]!.links.map((l) => l.title)).toEqual(["A"]);
    expect(findings.map((f) => [f.code, f.line])).toEqual([
      ["prose-in-section", 5],
      ["code-in-section", 7],
    ]);
  });

  it("joins a multi-line blockquote into the summary", () => {
    const { llmsTxt, findings } = parseLlmsTxt("# P\n\n> First line\n> second line.\n\nInfo.\n");
    expect(llmsTxt.summary).toBe("First line second line.");
    expect(llmsTxt.info).toBe("Info.");
    expect(findings.map((f) => f.code)).toEqual(["multiline-summary"]);
  });

  it("keeps balanced parentheses in URLs, and reads <angle> URLs and link titles after the URL", () => {
    const text =
      '# P\n\n## Docs\n\n- [Wiki](https://en.wikipedia.org/wiki/Foo_(bar)): about foo\n- [Ang](<https://x.dev/a b.md>)\n- [T](https://x.dev/t.md "Title")\n';
    const { llmsTxt } = parseLlmsTxt(text);
    expect(strip(llmsTxt.sections[0]!.links)).toEqual([
      { title: "Wiki", url: "https://en.wikipedia.org/wiki/Foo_(bar)", notes: "about foo" },
      { title: "Ang", url: "https://x.dev/a b.md" },
      { title: "T", url: "https://x.dev/t.md" },
    ]);
  });

  it("reads escaped and nested brackets in link titles", () => {
    const { llmsTxt } = parseLlmsTxt(
      "# P\n\n## Docs\n\n- [a \\[b\\] c](https://x.dev/a)\n- [x [y] z](https://x.dev/b)\n",
    );
    expect(llmsTxt.sections[0]!.links.map((l) => l.title)).toEqual(["a [b] c", "x [y] z"]);
  });

  it("takes the first of several H1s as the title", () => {
    const { llmsTxt, findings } = parseLlmsTxt(
      "# One\n\n> S\n\n# Two\n\n## Docs\n\n- [A](https://x.dev/a)\n\n# Three\n",
    );
    expect(llmsTxt.title).toBe("One");
    expect(findings.filter((f) => f.code === "multiple-h1").map((f) => f.line)).toEqual([5, 11]);
  });

  it.each(["## optional", "## OPTIONAL", "##Optional"])("reads %j as the Optional section", (heading) => {
    const { llmsTxt, findings } = parseLlmsTxt(`# P\n\n${heading}\n\n- [A](https://x.dev/a)\n`);
    expect(llmsTxt.sections[0]!.optional).toBe(true);
    expect(findings.some((f) => f.code === "optional-case")).toBe(heading !== "##Optional");
  });

  it("does not mark a section Optional by a partial name", () => {
    expect(
      parseLlmsTxt("# P\n\n## Optional extras\n\n- [A](https://x.dev/a)\n").llmsTxt.sections[0]!.optional,
    ).toBe(false);
  });

  it("reads an H1 with nothing after it, and an H1 with no text", () => {
    expect(parseLlmsTxt("# Title").llmsTxt).toEqual({ title: "Title", sections: [] });
    expect(codes("#\n\n## Docs\n")).toContain("empty-title");
  });

  it.each([
    ["an empty file", "", "empty"],
    ["whitespace only", "  \n\n\t\n", "empty"],
    [
      "an HTML page",
      "<!DOCTYPE html>\n<html><head><title>404</title></head><body>Not found</body></html>",
      "html",
    ],
    ["an HTML page without doctype", "\n<html lang=en>\n<head></head><body></body></html>", "html"],
    [
      "binary bytes",
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]),
      "binary",
    ],
    ["text with NUL bytes", "# P\u0000\u0000\n", "binary"],
    ["no H1 at all", "Some text\n\n## Docs\n\n- [A](https://x.dev/a)\n", "missing-title"],
    ["an llms-ctx file", '<project title="P">\n<doc title="A">x</doc>\n</project>\n', "ctx-file"],
  ] as const)("reports %s as an error, without throwing", (_, input, code) => {
    const { llmsTxt, findings } = parseLlmsTxt(input);
    expect(findings.find((f) => f.severity === "error")?.code).toBe(code);
    if (code !== "missing-title") expect(llmsTxt).toEqual({ title: "", sections: [] });
  });

  it("reads a link written without brackets, and reports links placed before any section", () => {
    const gallery = parseLlmsTxt(
      "# G\n\n## Apps\n- Annotate Text(https://github.com/x/examples/dyn_(htmx)/app.py)\n",
    );
    expect(strip(gallery.llmsTxt.sections[0]!.links)).toEqual([
      { title: "Annotate Text", url: "https://github.com/x/examples/dyn_(htmx)/app.py" },
    ]);
    expect(gallery.findings.map((f) => f.code)).toEqual(["unbracketed-link"]);
    expect(codes("# G\n\n- [A](https://x.dev/a): n\n")).toContain("links-outside-section");
  });

  it("reports malformed link lines, empty titles, relative, anchor and invalid URLs, and odd separators", () => {
    const text = [
      "# P",
      "",
      "## Docs",
      "",
      "- [Open](https://x.dev/a",
      "- [](https://x.dev/b)",
      "- [Rel](docs/c.md)",
      "- [Anchor](#install)",
      "- [Bad](http://[::1/x)",
      "- [Dash](https://x.dev/d) - notes after a dash",
      "- just a bullet",
      "- [Mail](mailto:a@x.dev)",
    ].join("\n");
    expect(parseLlmsTxt(text).findings.map((f) => [f.line, f.code])).toEqual([
      [5, "malformed-link"],
      [6, "empty-link-title"],
      [7, "relative-url"],
      [8, "anchor-link"],
      [9, "invalid-url"],
      [10, "notes-separator"],
      [11, "bullet-without-link"],
      [12, "non-http-url"],
    ]);
  });

  it("flags notes that hold markup or are cut off (seen in generated files)", () => {
    const text =
      "# P\n\n## Docs\n\n- [A](https://x.dev/a.md): <LearningObjectives objectives={[\n- [B](https://x.dev/b.md): Welcome to this tutorial...\n";
    expect(parseLlmsTxt(text).findings.map((f) => [f.line, f.code, f.severity])).toEqual([
      [5, "notes-markup", "warning"],
      [6, "notes-truncated", "info"],
    ]);
  });

  it("reports an empty section and text before the title", () => {
    const found = parseLlmsTxt("intro\n# P\n\n## Empty\n\n## Docs\n- [A](https://x.dev/a)\n").findings;
    expect(found.map((f) => [f.line, f.code])).toEqual([
      [1, "content-before-title"],
      [4, "empty-section"],
    ]);
  });

  it("never throws on arbitrary input", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const alphabet = [
      "#",
      "##",
      "###",
      "- ",
      "* ",
      "[",
      "]",
      "(",
      ")",
      ":",
      ">",
      "```",
      "\n",
      "\r\n",
      " ",
      "a",
      "http://x/",
      "\uFEFF",
      "<html>",
    ];
    for (let i = 0; i < 500; i++) {
      const text = Array.from(
        { length: Math.floor(rand() * 60) },
        () => alphabet[Math.floor(rand() * alphabet.length)],
      ).join("");
      expect(() => parseLlmsTxt(text)).not.toThrow();
    }
  });
});
