/**
 * Reads a site's sitemaps through the crawl's own fetcher (so politeness, robots and the egress
 * guard apply): `Sitemap:` lines of robots.txt, else /sitemap.xml; sitemap indexes followed to a
 * bounded depth with cycles detected; gzip detected by its magic bytes and inflated under the cap;
 * at most 50,000 URLs and 50 MB decoded per file (the sitemaps.org limits).
 */
import { gunzipSync } from "node:zlib";
import { isAgentwebError } from "../../schemas/errors.js";
import type { Fetcher } from "../fetch/fetcher.js";

export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;

export interface SitemapEntry {
  url: string;
  /** The `<lastmod>` date, when the sitemap gives one. */
  lastmod?: string;
}

export interface SitemapResult {
  entries: SitemapEntry[];
  /** One line per sitemap that could not be read. */
  errors: string[];
}

/**
 * @example
 * const { entries } = await readSitemaps(["https://x.dev/sitemap.xml"], { fetcher });
 */
export async function readSitemaps(
  roots: string[],
  o: { fetcher: Fetcher; maxDepth?: number; maxFiles?: number; maxUrls?: number },
): Promise<SitemapResult> {
  const maxUrls = o.maxUrls ?? SITEMAP_MAX_URLS;
  const entries = new Map<string, SitemapEntry>();
  const errors: string[] = [];
  const visited = new Set<string>();
  const queue = roots.map((url) => ({ url, depth: 0 }));
  while (queue.length && visited.size < (o.maxFiles ?? 100) && entries.size < maxUrls) {
    const { url, depth } = queue.shift()!;
    if (visited.has(url)) continue; // an index listing itself or an ancestor: a cycle
    visited.add(url);
    let xml: string;
    try {
      const res = await o.fetcher.get(url, { maxBodyBytes: SITEMAP_MAX_BYTES, retries: 1 });
      if (res.status !== 200) {
        errors.push(`${url}: HTTP ${res.status}`);
        continue;
      }
      xml = decodeSitemapBody(res.body);
    } catch (err) {
      errors.push(`${url}: ${isAgentwebError(err) ? err.message : String(err)}`);
      continue;
    }
    const isIndex = /<sitemapindex[\s>]/i.test(xml);
    for (const block of xml.matchAll(/<(url|sitemap)\b[^>]*>([\s\S]*?)<\/\1>/gi)) {
      const loc = /<loc>\s*([^<]+?)\s*<\/loc>/i.exec(block[2]!)?.[1];
      if (!loc) continue;
      const target = decodeXml(loc);
      if (isIndex) {
        if (depth + 1 <= (o.maxDepth ?? 3)) queue.push({ url: target, depth: depth + 1 });
        else errors.push(`${target}: sitemap index nested deeper than ${o.maxDepth ?? 3}`);
        continue;
      }
      if (entries.size >= maxUrls) break;
      const lastmod = /<lastmod>\s*([^<]+?)\s*<\/lastmod>/i.exec(block[2]!)?.[1];
      entries.set(target, { url: target, ...(lastmod ? { lastmod } : {}) });
    }
  }
  return { entries: [...entries.values()], errors };
}

/** A sitemap body as text: gzip (by its magic bytes, whatever the headers say) is inflated under the cap. */
export function decodeSitemapBody(body: Buffer): string {
  if (body[0] === 0x1f && body[1] === 0x8b) {
    return gunzipSync(body, { maxOutputLength: SITEMAP_MAX_BYTES }).toString("utf8");
  }
  return body.toString("utf8");
}

/**
 * The five predefined XML entities decoded (sitemaps escape `&` in query strings).
 *
 * @example decodeXml("a?x=1&amp;y=2") // "a?x=1&y=2"
 */
export function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
