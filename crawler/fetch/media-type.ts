/** Media types parsed, never substring-matched (DESIGN.md habit 13), and what the crawler does with each. */

export interface MediaType {
  /** "type/subtype", lower-cased. */
  type: string;
  params: Record<string, string>;
}

/** What the crawler does with a response body. */
export type BodyKind = "html" | "markdown" | "plain" | "skip";

/**
 * Parses a Content-Type header per RFC 9110 §8.3.1; undefined when absent or malformed.
 *
 * @example parseMediaType('text/html; charset="UTF-8"') // { type: "text/html", params: { charset: "UTF-8" } }
 */
export function parseMediaType(header: string | undefined): MediaType | undefined {
  if (!header) return undefined;
  const [essence, ...rest] = header.split(";");
  const type = essence?.trim().toLowerCase() ?? "";
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) return undefined;
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
      value = value.slice(1, -1).replace(/\\(.)/g, "$1");
    if (key && !(key in params)) params[key] = value;
  }
  return { type, params };
}

const KINDS: Record<string, BodyKind> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/plain": "plain",
};

/**
 * Decides from the parsed media type (or, when there is none, the first bytes) what to do with a body.
 *
 * @example bodyKind(parseMediaType("application/pdf"), buf) // "skip"
 */
export function bodyKind(media: MediaType | undefined, body: Uint8Array): BodyKind {
  if (media) return KINDS[media.type] ?? "skip";
  // No Content-Type: sniff only the unambiguous case, an HTML document.
  const head = Buffer.from(body.subarray(0, 512)).toString("latin1").trimStart().toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html") ? "html" : "skip";
}

/** Files that are never documentation pages, by extension, with the media type each is served as. */
const FILE_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/gzip",
  tgz: "application/gzip",
  tar: "application/x-tar",
  rar: "application/vnd.rar",
  "7z": "application/x-7z-compressed",
  dmg: "application/x-apple-diskimage",
  exe: "application/vnd.microsoft.portable-executable",
  msi: "application/x-msi",
  deb: "application/vnd.debian.binary-package",
  rpm: "application/x-rpm",
  wasm: "application/wasm",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  webp: "image/webp",
  ico: "image/vnd.microsoft.icon",
  bmp: "image/bmp",
  mp3: "audio/mpeg",
  mp4: "video/mp4",
  mov: "video/quicktime",
  avi: "video/x-msvideo",
  webm: "video/webm",
  woff: "font/woff",
  woff2: "font/woff2",
  ttf: "font/ttf",
  eot: "application/vnd.ms-fontobject",
  css: "text/css",
  js: "text/javascript",
  mjs: "text/javascript",
  map: "application/json",
  json: "application/json",
  xml: "application/xml",
  rss: "application/rss+xml",
  atom: "application/atom+xml",
};

/**
 * The media type of a URL path that names a file which is never a page (a PDF, an archive, an
 * image, a script…), from its extension; undefined for anything that may be a page.
 *
 * @example fileMediaType("/docs/manual.pdf") // "application/pdf"
 * fileMediaType("/docs/retries.html")          // undefined
 */
export function fileMediaType(pathname: string): string | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase();
  return ext === undefined ? undefined : FILE_TYPES[ext];
}

/** The MIME Sniffing standard's resource header: as many bytes as it ever looks at. */
const RESOURCE_HEADER_BYTES = 1445;

/**
 * True when a body is binary data by the WHATWG MIME Sniffing rules for telling text from binary:
 * no UTF-8 or UTF-16 byte order mark, and a binary data byte (0x00–0x08, 0x0B, 0x0E–0x1A,
 * 0x1C–0x1F: control bytes no text encoding uses, ESC excepted for ISO-2022) in the first 1445 bytes.
 *
 * @example hasBinaryBytes(Buffer.from("%PDF-1.4\n\x00\x01")) // true
 * hasBinaryBytes(Buffer.from("<!doctype html>"))               // false
 */
export function hasBinaryBytes(body: Uint8Array): boolean {
  if ((body[0] === 0xfe && body[1] === 0xff) || (body[0] === 0xff && body[1] === 0xfe)) return false;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return false;
  const end = Math.min(body.length, RESOURCE_HEADER_BYTES);
  for (let i = 0; i < end; i++) {
    const b = body[i]!;
    if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) return true;
  }
  return false;
}
