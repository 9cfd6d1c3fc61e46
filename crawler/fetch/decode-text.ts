/**
 * The one body decoder: every fetched text (a crawled page, `agentweb extract`'s input, robots.txt,
 * a sitemap, llms.txt, an audited page) becomes a string here, so one document never reads two ways.
 *
 * The encoding is chosen by the WHATWG HTML encoding-sniffing algorithm: a byte-order mark, then
 * the Content-Type charset, then (HTML only) the `<meta charset>` / `<meta http-equiv>` prescan of
 * the first 1024 bytes. With none of these, the spec lets the user agent pick a default and
 * suggests windows-1252 for most locales; agentweb first takes UTF-8 when the bytes are valid
 * UTF-8, and windows-1252 only when they are not. Valid UTF-8 with any byte above 0x7F almost
 * never happens by chance in a legacy 8-bit page (an accented letter would have to be followed by
 * exactly the right continuation bytes every time), while undeclared UTF-8 is what most modern
 * pages, markdown files and static hosts send: reading it as windows-1252 would turn every "é" into
 * "Ã©". Pure ASCII reads the same either way.
 */
import { getBOMEncoding, labelToName, TextDecoder as WhatwgDecoder } from "@exodus/bytes/encoding.js";
import sniffHtmlEncoding from "html-encoding-sniffer";
import { hasBinaryBytes } from "./media-type.js";

/** Where the encoding came from, strongest first. */
export type EncodingSource = "bom" | "header" | "meta" | "utf-8" | "default";

export interface DecodedBody {
  text: string;
  /** The WHATWG encoding name, lower-cased ("utf-8", "windows-1252", "shift_jis"…). */
  encoding: string;
  source: EncodingSource;
}

/**
 * Decodes a body and says which rule chose its encoding. `charset` is the Content-Type's parameter
 * (an unknown label is ignored, as browsers do); `html` turns on the `<meta>` prescan.
 *
 * @example decodeBody(Buffer.from([0x63, 0x61, 0x66, 0xe9]), undefined, true)
 * // { text: "café", encoding: "windows-1252", source: "default" }
 */
export function decodeBody(body: Uint8Array, charset: string | undefined, html: boolean): DecodedBody {
  const bom = getBOMEncoding(body);
  if (bom) return decodeAs(body, bom, "bom");
  const declared = charset ? labelToName(charset) : null;
  if (declared) return decodeAs(body, declared, "header");
  // The sniffer's own fallback is replaced by "" so that "no <meta>" can be told from a <meta>.
  const meta = html ? sniffHtmlEncoding(body, { defaultEncoding: "" }) : "";
  if (meta) return decodeAs(body, meta, "meta");
  try {
    return {
      text: new TextDecoder("utf-8", { fatal: true }).decode(body),
      encoding: "utf-8",
      source: "utf-8",
    };
  } catch {
    return decodeAs(body, "windows-1252", "default");
  }
}

/**
 * Decodes a body to text ({@link decodeBody} without the provenance).
 *
 * @example decodeText(bytes, "iso-8859-1", true) // "café"
 */
export function decodeText(body: Uint8Array, charset: string | undefined, html: boolean): string {
  return decodeBody(body, charset, html).text;
}

function decodeAs(body: Uint8Array, name: string, source: EncodingSource): DecodedBody {
  const encoding = name.toLowerCase();
  // Node 20's own TextDecoder reads windows-1252 as Latin-1 (curly quotes become C1 controls) and
  // lacks some WHATWG labels; its UTF-8 is correct and the fastest, so only UTF-8 goes through it.
  // WHATWG decoders strip a BOM matching their encoding.
  const decoder = encoding === "utf-8" ? new TextDecoder("utf-8") : new WhatwgDecoder(encoding);
  return { text: decoder.decode(body), encoding, source };
}

/** Past this share of U+FFFD a body is not text in its charset, whatever its Content-Type says. */
const MAX_REPLACEMENT_SHARE = 0.1;

/**
 * Why a body served as text is not text, or undefined when it is: binary data bytes at its start
 * (see {@link hasBinaryBytes}; skipped for a declared UTF-16 body, whose ASCII carries 0x00 bytes),
 * or over 10 % of the decoded characters U+FFFD (bytes its charset could not decode).
 *
 * @example whyNotText(randomBytes, decodeText(randomBytes, undefined, true), undefined) // "binary data bytes in its first 1445 bytes"
 */
export function whyNotText(
  body: Uint8Array,
  text: string,
  headerCharset: string | undefined,
): string | undefined {
  if (!/^\s*utf-16/i.test(headerCharset ?? "") && hasBinaryBytes(body))
    return "binary data bytes in its first 1445 bytes";
  let replaced = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) replaced++;
  if (text.length && replaced / text.length > MAX_REPLACEMENT_SHARE)
    return `${Math.round((100 * replaced) / text.length)} % of its characters do not decode (U+FFFD)`;
  return undefined;
}
