/**
 * Media types parsed, never substring-matched (`text/html-ish` is not HTML), and what the crawler
 * does with each.
 */

export interface MediaType {
  /** "type/subtype", lower-cased. */
  type: string;
  params: Record<string, string>;
}

/** What the crawler does with a response body. */
export type BodyKind = "html" | "markdown" | "plain" | "skip";

const TOKEN = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Parses a Content-Type header by the WHATWG MIME Sniffing "parse a MIME type" steps (RFC 9110
 * §8.3.1 syntax): names lower-cased, quoted values unescaped, a `;` inside quotes kept, the first
 * of a repeated parameter wins; undefined when absent or malformed. The one media-type parser:
 * callers read `type` and `params`, never the raw header.
 *
 * @example parseMediaType('text/html; charset="UTF-8"') // { type: "text/html", params: { charset: "UTF-8" } }
 */
export function parseMediaType(header: string | null | undefined): MediaType | undefined {
  if (!header) return undefined;
  const input = header.trim();
  const semi = input.indexOf(";");
  const type = (semi < 0 ? input : input.slice(0, semi)).trim().toLowerCase();
  const slash = type.indexOf("/");
  if (slash <= 0 || !TOKEN.test(type.slice(0, slash)) || !TOKEN.test(type.slice(slash + 1))) return undefined;
  const params: Record<string, string> = {};
  let i = semi < 0 ? input.length : semi;
  while (i < input.length) {
    i++; // past ";"
    while (/\s/.test(input[i] ?? "")) i++;
    let name = "";
    while (i < input.length && input[i] !== ";" && input[i] !== "=") name += input[i++];
    name = name.toLowerCase();
    if (input[i] !== "=") continue; // a name without a value, or the end
    i++;
    let value = "";
    if (input[i] === '"') {
      for (i++; i < input.length && input[i] !== '"'; i++)
        value += input[i] === "\\" ? (input[++i] ?? "") : input[i];
      while (i < input.length && input[i] !== ";") i++; // whatever follows the closing quote
    } else {
      while (i < input.length && input[i] !== ";") value += input[i++];
      value = value.trimEnd();
      if (!value) continue;
    }
    if (TOKEN.test(name) && !(name in params)) params[name] = value;
  }
  return { type, params };
}

/**
 * True for the media types whose body is an HTML document.
 *
 * @example isHtmlType(parseMediaType("application/xhtml+xml; charset=utf-8")) // true
 */
export function isHtmlType(media: MediaType | undefined): boolean {
  return media?.type === "text/html" || media?.type === "application/xhtml+xml";
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
