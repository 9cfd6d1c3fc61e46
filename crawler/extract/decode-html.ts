/**
 * Bytes → HTML text, choosing the encoding as browsers do (WHATWG "encoding sniffing", simplified):
 * a byte-order mark wins, then the `charset` of the Content-Type header, then a `<meta charset>` /
 * `<meta http-equiv="Content-Type">` in the first bytes, then UTF-8 if the bytes are valid UTF-8,
 * else windows-1252 (what browsers assume for legacy Western pages).
 */

/** The spec prescans 1024 bytes; real pages put long `<head>` preambles first, so look a bit further. */
const PRESCAN_BYTES = 4096;

export type CharsetSource = "bom" | "header" | "meta" | "utf8-valid" | "fallback";

/**
 * The `charset` parameter of a Content-Type header value (parsed, not substring-matched).
 *
 * @example charsetFromContentType('text/html; Charset="ISO-8859-1"') // "iso-8859-1"
 */
export function charsetFromContentType(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const params = header.split(";").slice(1);
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== "charset") continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .trim()
      .toLowerCase();
    if (value) return value;
  }
  return undefined;
}

function bomEncoding(bytes: Uint8Array): { encoding: string; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", skip: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  return undefined;
}

/**
 * The charset named by a `<meta>` in the first bytes of the document, if any.
 *
 * @example charsetFromMeta(new TextEncoder().encode('<meta charset="shift_jis">')) // "shift_jis"
 */
export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  // Latin-1 keeps every byte as one character, so ASCII markup is readable whatever the encoding.
  const head = new TextDecoder("latin1")
    .decode(bytes.subarray(0, PRESCAN_BYTES))
    .replace(/<!--[\s\S]*?-->/g, "");
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct && !/http-equiv/i.test(tag)) return direct[1]!.toLowerCase();
    if (/http-equiv\s*=\s*["']?\s*content-type/i.test(tag)) {
      const content = /\bcontent\s*=\s*(["'])([\s\S]*?)\1/i.exec(tag)?.[2];
      const charset = charsetFromContentType(content);
      if (charset) return charset;
    }
  }
  return undefined;
}

/** windows-1252's 0x80–0x9F (WHATWG index); 0 marks the five undefined bytes, kept as C1 controls. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

/**
 * Node 20's TextDecoder decodes the windows-1252 label (and iso-8859-1, its WHATWG alias) as plain
 * Latin-1, turning curly quotes and dashes into invisible C1 controls: map them as browsers do.
 */
function decode(decoder: TextDecoder, bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  if (decoder.encoding !== "windows-1252") return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = CP1252_HIGH[c.charCodeAt(0) - 0x80];
    return mapped ? String.fromCharCode(mapped) : c;
  });
}

function decoderFor(label: string): TextDecoder | undefined {
  // A page cannot declare itself UTF-16 in ASCII-compatible markup: the spec reads that as UTF-8.
  const fixed = /^utf-?16/i.test(label) ? "utf-8" : label === "x-user-defined" ? "windows-1252" : label;
  try {
    return new TextDecoder(fixed);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a fetched HTML body and says where the encoding came from.
 *
 * @example decodeHtmlWithSource(bytes, "text/html; charset=windows-1252") // { text: "café", encoding: "windows-1252", source: "header" }
 */
export function decodeHtmlWithSource(
  bytes: Uint8Array,
  contentTypeHeader?: string | null,
): { text: string; encoding: string; source: CharsetSource } {
  const bom = bomEncoding(bytes);
  if (bom) {
    return {
      text: new TextDecoder(bom.encoding).decode(bytes.subarray(bom.skip)),
      encoding: bom.encoding,
      source: "bom",
    };
  }
  for (const [label, source] of [
    [charsetFromContentType(contentTypeHeader), "header"],
    [charsetFromMeta(bytes), "meta"],
  ] as const) {
    const decoder = label ? decoderFor(label) : undefined;
    if (decoder) return { text: decode(decoder, bytes), encoding: decoder.encoding, source };
  }
  try {
    return {
      text: new TextDecoder("utf-8", { fatal: true }).decode(bytes),
      encoding: "utf-8",
      source: "utf8-valid",
    };
  } catch {
    return {
      text: decode(new TextDecoder("windows-1252"), bytes),
      encoding: "windows-1252",
      source: "fallback",
    };
  }
}

/**
 * Decodes a fetched HTML body: BOM, then the header's charset, then `<meta>`, then UTF-8 if valid,
 * else windows-1252. Never throws; an unknown label is skipped.
 *
 * @example decodeHtml(Buffer.from([0x63, 0x61, 0x66, 0xe9]), "text/html; charset=iso-8859-1") // "café"
 */
export function decodeHtml(bytes: Uint8Array, contentTypeHeader?: string | null): string {
  return decodeHtmlWithSource(bytes, contentTypeHeader).text;
}
