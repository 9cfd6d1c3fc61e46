import { describe, expect, it } from "vitest";
import { decodeBody, decodeText } from "./decode-text.js";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** "café “x”" in windows-1252: é = 0xE9, curly quotes = 0x93/0x94 (C1 controls in Latin-1). */
const CP1252 = [0x63, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x78, 0x94];
const CP1252_TEXT = "café “x”";
const UTF8 = [...Buffer.from(CP1252_TEXT, "utf8")];

describe("decodeBody: the WHATWG sniffing order, strongest first", () => {
  it.each([
    // name, body, Content-Type charset, html, text, encoding, source
    [
      "BOM over header and meta",
      bytes(UTF8_BOM, '<meta charset="koi8-r">', UTF8),
      "iso-8859-1",
      true,
      `<meta charset="koi8-r">${CP1252_TEXT}`,
      "utf-8",
      "bom",
    ],
    ["UTF-16LE BOM", bytes([0xff, 0xfe], [0x68, 0, 0xe9, 0]), undefined, true, "hé", "utf-16le", "bom"],
    ["UTF-16BE BOM", bytes([0xfe, 0xff], [0, 0x68, 0, 0xe9]), "utf-8", false, "hé", "utf-16be", "bom"],
    [
      "header over meta",
      bytes('<meta charset="utf-8">', CP1252),
      "windows-1252",
      true,
      `<meta charset="utf-8">${CP1252_TEXT}`,
      "windows-1252",
      "header",
    ],
    [
      "header label iso-8859-1 is windows-1252",
      bytes(CP1252),
      "ISO-8859-1",
      false,
      CP1252_TEXT,
      "windows-1252",
      "header",
    ],
    [
      "unknown header label ignored",
      bytes('<meta charset="windows-1252">', CP1252),
      "bogus-9",
      true,
      `<meta charset="windows-1252">${CP1252_TEXT}`,
      "windows-1252",
      "meta",
    ],
    [
      "meta charset",
      bytes("<meta charset=shift_jis><p>", [0x93, 0xfa, 0x96, 0x7b]),
      undefined,
      true,
      "<meta charset=shift_jis><p>日本",
      "shift_jis",
      "meta",
    ],
    [
      "meta http-equiv",
      bytes('<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">', [0xc7, 0xd1]),
      undefined,
      true,
      '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">한',
      "euc-kr",
      "meta",
    ],
    [
      "meta content without http-equiv ignored",
      bytes('<meta name="x" content="charset=koi8-r">', UTF8),
      undefined,
      true,
      `<meta name="x" content="charset=koi8-r">${CP1252_TEXT}`,
      "utf-8",
      "utf-8",
    ],
    [
      "meta inside a comment ignored",
      bytes("<!-- <meta charset=koi8-r> --><p>", CP1252),
      undefined,
      true,
      `<!-- <meta charset=koi8-r> --><p>${CP1252_TEXT}`,
      "windows-1252",
      "default",
    ],
    [
      "meta declaring UTF-16 read as UTF-8",
      bytes("<meta charset=utf-16>", UTF8),
      undefined,
      true,
      `<meta charset=utf-16>${CP1252_TEXT}`,
      "utf-8",
      "meta",
    ],
    [
      "meta only for HTML",
      bytes("<meta charset=koi8-r>", UTF8),
      undefined,
      false,
      `<meta charset=koi8-r>${CP1252_TEXT}`,
      "utf-8",
      "utf-8",
    ],
    [
      "meta past the first 1024 bytes ignored",
      bytes(" ".repeat(1024), "<meta charset=koi8-r>", UTF8),
      undefined,
      true,
      `${" ".repeat(1024)}<meta charset=koi8-r>${CP1252_TEXT}`,
      "utf-8",
      "utf-8",
    ],
    ["undeclared valid UTF-8", bytes(UTF8), undefined, true, CP1252_TEXT, "utf-8", "utf-8"],
    [
      "undeclared legacy bytes: windows-1252",
      bytes(CP1252),
      undefined,
      true,
      CP1252_TEXT,
      "windows-1252",
      "default",
    ],
    ["undeclared ASCII", bytes("plain"), undefined, false, "plain", "utf-8", "utf-8"],
  ] as const)("%s", (_name, body, charset, html, text, encoding, source) => {
    expect(decodeBody(body, charset, html)).toEqual({ text, encoding, source });
    expect(decodeText(body, charset, html)).toBe(text);
  });

  it("reads windows-1252 as browsers do, not as Latin-1 (0x80 is €, 0x81 stays a control)", () => {
    expect(decodeText(bytes([0x80, 0x81, 0x85, 0x96]), "windows-1252", false)).toBe("€\u0081…–");
  });

  it("decodes a declared charset that cannot decode the bytes with U+FFFD, never throwing", () => {
    expect(decodeText(bytes([0x63, 0xe9]), "utf-8", true)).toBe("c\ufffd");
  });
});
