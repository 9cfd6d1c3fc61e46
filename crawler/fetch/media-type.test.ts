import { describe, expect, it } from "vitest";
import { isHtmlType, parseMediaType } from "./media-type.js";

describe("parseMediaType", () => {
  it.each([
    ["text/html", { type: "text/html", params: {} }],
    ['Text/HTML; Charset="UTF-8"', { type: "text/html", params: { charset: "UTF-8" } }],
    ["text/html;charset=utf-8 ; q=1", { type: "text/html", params: { charset: "utf-8", q: "1" } }],
    [
      'text/plain; a="x;charset=koi8-r"; charset=utf-8',
      { type: "text/plain", params: { a: "x;charset=koi8-r", charset: "utf-8" } },
    ],
    ['text/plain; a="q\\"uote"', { type: "text/plain", params: { a: 'q"uote' } }],
    [
      "text/html; foo=charset=x; charset=utf-8",
      { type: "text/html", params: { foo: "charset=x", charset: "utf-8" } },
    ],
    ["text/html; charset=a; charset=b", { type: "text/html", params: { charset: "a" } }],
    ["text/html; charset", { type: "text/html", params: {} }],
    ["text/html; charset=", { type: "text/html", params: {} }],
    ["  application/xhtml+xml  ", { type: "application/xhtml+xml", params: {} }],
  ])("%s", (header, expected) => {
    expect(parseMediaType(header)).toEqual(expected);
  });

  it.each([undefined, null, "", "texthtml", "text/", "/html", "text/ht ml", "text/html/x"])(
    "refuses %s",
    (header) => {
      expect(parseMediaType(header)).toBeUndefined();
    },
  );

  it("tells HTML types by the parsed type, not a substring", () => {
    expect(isHtmlType(parseMediaType("text/html; charset=utf-8"))).toBe(true);
    expect(isHtmlType(parseMediaType("application/xhtml+xml"))).toBe(true);
    expect(isHtmlType(parseMediaType("text/htmlx"))).toBe(false);
    expect(isHtmlType(parseMediaType("application/html-fragment"))).toBe(false);
    expect(isHtmlType(undefined)).toBe(false);
  });
});
