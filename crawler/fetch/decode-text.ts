/** Turns a body's bytes into text with the right charset: BOM, then header, then `<meta>`, then UTF-8. */
import { hasBinaryBytes } from "./media-type.js";

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xfe, 0xff], "utf-16be"],
  [[0xff, 0xfe], "utf-16le"],
];

/**
 * Decodes a body. The BOM wins over the header, and the header over a `<meta charset>` in the first
 * 1024 bytes (the HTML encoding-sniffing order); an unknown label falls back to UTF-8.
 *
 * @example decodeText(bytes, "iso-8859-1", true) // "café"
 */
export function decodeText(body: Uint8Array, headerCharset: string | undefined, isHtml: boolean): string {
  for (const [bom, label] of BOMS) {
    if (bom.every((b, i) => body[i] === b)) return decoder(label).decode(body.subarray(bom.length));
  }
  const label = headerCharset ?? (isHtml ? metaCharset(body) : undefined) ?? "utf-8";
  return decoder(label).decode(body);
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

function decoder(label: string): TextDecoder {
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return new TextDecoder("utf-8");
  }
}

function metaCharset(body: Uint8Array): string | undefined {
  const head = Buffer.from(body.subarray(0, 1024)).toString("latin1");
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([a-zA-Z0-9_:.-]+)/i.exec(head);
  return m?.[1];
}
