/** Turns a body's bytes into text with the right charset: BOM, then header, then `<meta>`, then UTF-8. */

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
