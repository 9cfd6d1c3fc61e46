import { describe, expect, it } from "vitest";
import { parsedTextLength, parseWithLinkedom, roughTextLength } from "./parse-dom.js";

const parse = (html: string) => parseWithLinkedom(html)!.document;

describe("parsedTextLength", () => {
  it("counts text as roughTextLength counts the markup: scripts and styles out, whitespace runs as one", () => {
    const html = "<html><head><style>p{}</style></head><body><p>Hello   <b>world</b></p><script>x()</script></body></html>";
    expect(parsedTextLength(parse(html))).toBe(roughTextLength(html));
  });

  it("matches the markup's text on a page of lists that extraction would empty", () => {
    const items = Array.from({ length: 40 }, (_, i) => `<li><a href="s${i}.html">Section ${i} of the chapter</a></li>`);
    const html = `<html><body><h1>Chapter</h1><ul>${items.join("\n")}</ul></body></html>`;
    const ratio = parsedTextLength(parse(html)) / roughTextLength(html);
    expect(ratio).toBeGreaterThan(0.95);
    expect(ratio).toBeLessThan(1.05);
  });

  it("counts no text in an empty document", () => {
    expect(parsedTextLength(parse("<html><body></body></html>"))).toBe(0);
  });
});
