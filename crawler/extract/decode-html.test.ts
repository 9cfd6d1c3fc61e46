import { describe, expect, it } from "vitest";
import { charsetFromContentType, charsetFromMeta, decodeHtml, decodeHtmlWithSource } from "./decode-html.js";

const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe("decodeHtml", () => {
  it("uses the header charset", () => {
    expect(decodeHtml(latin1("<p>caf\u00e9</p>"), "text/html; charset=ISO-8859-1")).toBe("<p>café</p>");
    expect(decodeHtmlWithSource(latin1("x"), 'text/html; Charset="windows-1252"').source).toBe("header");
  });

  it("lets a BOM win over the header", () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("é")]);
    expect(decodeHtmlWithSource(bytes, "text/html; charset=iso-8859-1")).toMatchObject({
      text: "é",
      source: "bom",
    });
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x68, 0x00, 0xe9, 0x00]);
    expect(decodeHtml(utf16)).toBe("hé");
  });

  it("reads <meta charset> and http-equiv", () => {
    const sjis = Uint8Array.from([
      ...new TextEncoder().encode('<meta charset="shift_jis"><p>'),
      0x93,
      0xfa,
      0x96,
      0x7b, // 日本
    ]);
    expect(decodeHtml(sjis)).toBe('<meta charset="shift_jis"><p>日本');
    const equiv = latin1('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>\u00e9');
    expect(decodeHtmlWithSource(equiv)).toMatchObject({ source: "meta" });
    expect(decodeHtml(equiv).endsWith("é")).toBe(true);
  });

  it("decodes EUC-KR and GBK pages", () => {
    const euckr = Uint8Array.from([
      ...new TextEncoder().encode("<meta charset=euc-kr>"),
      0xc7,
      0xd1,
      0xb1,
      0xdb,
    ]);
    expect(decodeHtml(euckr).endsWith("한글")).toBe(true);
    expect(decodeHtml(Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4]), "text/html;charset=gbk")).toBe("中文");
  });

  it("falls back to UTF-8 when valid, else windows-1252; ignores unknown labels", () => {
    expect(decodeHtmlWithSource(new TextEncoder().encode("naïve"))).toMatchObject({
      text: "naïve",
      source: "utf8-valid",
    });
    expect(decodeHtmlWithSource(latin1("na\u00efve \u0093q\u0094"))).toMatchObject({
      text: "naïve “q”",
      source: "fallback",
    });
    expect(decodeHtml(new TextEncoder().encode("ok"), "text/html; charset=bogus-9")).toBe("ok");
  });

  it("parses media type parameters, not substrings", () => {
    expect(charsetFromContentType("text/html")).toBeUndefined();
    expect(charsetFromContentType("text/html; foo=charset=x; charset=utf-8")).toBe("utf-8");
    expect(charsetFromMeta(latin1("<!-- <meta charset=koi8-r> --><meta charset=utf-8>"))).toBe("utf-8");
  });
});
