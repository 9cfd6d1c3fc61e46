/**
 * A sitemap file's bytes to its entries, with no I/O: gzip detected by its magic bytes (whatever the
 * headers say) and inflated under the cap; the charset from the BOM, the header or the XML
 * declaration; `<urlset>`, `<sitemapindex>` (namespace prefixes and CDATA allowed) and the plain-text
 * form of sitemaps.org (one URL a line); at most 50,000 URLs and 50 MB decoded (the sitemaps.org limits).
 */
import { gunzipSync } from "node:zlib";
import { decodeText } from "../fetch/decode-text.js";

export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;

export interface SitemapEntry {
  url: string;
  /** The `<lastmod>` date, when the sitemap gives one. */
  lastmod?: string;
}

/** What made a sitemap file unusable or not as the protocol wants it, grouped by what a caller reports. */
export type SitemapProblemKind =
  | "unreachable"
  | "http"
  | "too-big"
  | "unreadable"
  | "empty"
  | "not-xml"
  | "not-sitemap"
  | "too-many-urls"
  | "too-deep";

export interface SitemapProblem {
  /** The sitemap file the problem is about. */
  url: string;
  kind: SitemapProblemKind;
  /** One line for a report, e.g. "HTTP 404" or "neither <urlset> nor <sitemapindex>". */
  detail: string;
  /** The HTTP status, for kind "http". */
  status?: number;
}

export interface ParsedSitemap {
  /** Absent when the file could not be read as a sitemap (see `problems`). */
  kind?: "urlset" | "index" | "text";
  /** Page URLs of a urlset or text sitemap; child sitemaps of an index. */
  entries: SitemapEntry[];
  problems: Omit<SitemapProblem, "url">[];
}

/**
 * @example
 * parseSitemap(Buffer.from("<urlset><url><loc>https://x.dev/a?b=1&amp;c=2</loc></url></urlset>"))
 * // { kind: "urlset", entries: [{ url: "https://x.dev/a?b=1&c=2" }], problems: [] }
 */
export function parseSitemap(body: Uint8Array, headerCharset?: string): ParsedSitemap {
  const fail = (kind: SitemapProblemKind, detail: string): ParsedSitemap => ({
    entries: [],
    problems: [{ kind, detail }],
  });
  let bytes = body;
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      bytes = gunzipSync(body, { maxOutputLength: SITEMAP_MAX_BYTES });
    } catch (err) {
      return err instanceof RangeError
        ? fail("too-big", `inflates to more than ${SITEMAP_MAX_BYTES} bytes`)
        : fail("unreadable", `cannot inflate: ${(err as Error).message}`);
    }
  }
  if (bytes.length > SITEMAP_MAX_BYTES) return fail("too-big", `more than ${SITEMAP_MAX_BYTES} bytes`);
  const text = decodeText(bytes, headerCharset ?? xmlDeclaredCharset(bytes), false).trim();
  if (!text) return fail("empty", "empty body");
  if (!text.startsWith("<")) {
    const lines = text.split(/\s*[\r\n]+\s*/);
    if (!lines.every((line) => /^https?:\/\/\S+$/i.test(line))) return fail("not-xml", "not XML");
    return capped(
      "text",
      lines.map((url) => ({ url })),
    );
  }
  const index = /<(?:[\w.-]+:)?sitemapindex[\s>]/i.test(text);
  if (!index && !/<(?:[\w.-]+:)?urlset[\s>]/i.test(text)) {
    return fail("not-sitemap", "neither <urlset> nor <sitemapindex>");
  }
  const entries: SitemapEntry[] = [];
  const element = index ? "sitemap" : "url";
  const blocks = new RegExp(`<((?:[\\w.-]+:)?)${element}\\b[^>]*>([\\s\\S]*?)</\\1${element}>`, "gi");
  for (const [, prefix, inner] of text.matchAll(blocks)) {
    // Only the sitemap namespace's own <loc>, not an extension's (<image:loc>).
    const url = childText(inner!, `${prefix}loc`);
    if (!url) continue;
    const lastmod = childText(inner!, `${prefix}lastmod`);
    entries.push({ url, ...(lastmod ? { lastmod } : {}) });
  }
  return capped(index ? "index" : "urlset", entries);
}

function capped(kind: NonNullable<ParsedSitemap["kind"]>, entries: SitemapEntry[]): ParsedSitemap {
  if (entries.length <= SITEMAP_MAX_URLS) return { kind, entries, problems: [] };
  return {
    kind,
    entries: entries.slice(0, SITEMAP_MAX_URLS),
    problems: [
      {
        kind: "too-many-urls",
        detail: `lists ${entries.length} URLs, more than the ${SITEMAP_MAX_URLS} allowed: the rest not read`,
      },
    ],
  };
}

/** The text of `<name>…</name>` in `xml`, CDATA unwrapped and entities decoded. */
function childText(xml: string, name: string): string | undefined {
  const escaped = name.replace(/[.]/g, "\\.");
  const raw = new RegExp(`<${escaped}>([\\s\\S]*?)</${escaped}>`, "i").exec(xml)?.[1];
  if (raw === undefined) return undefined;
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  const text = (cdata ? cdata[1]! : decodeXml(raw)).trim();
  return text || undefined;
}

/** The `encoding` of an `<?xml … ?>` declaration, which decodeText does not look for. */
function xmlDeclaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 200)).toString("latin1");
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };

/**
 * The five predefined XML entities and numeric character references decoded, in one pass (sitemaps
 * escape `&` in query strings).
 *
 * @example decodeXml("a?x=1&amp;y=2&#38;z=3") // "a?x=1&y=2&z=3"
 */
export function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#[xX][0-9a-fA-F]+);/g, (whole, name: string) => {
    if (name[0] !== "#") return NAMED[name]!;
    const code =
      name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
