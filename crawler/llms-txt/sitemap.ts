import { decodeXml } from "../frontier/sitemaps.js";
import { type FetchTextOptions, fetchText } from "./fetch-text.js";

const MAX_SITEMAPS = 50;
const MAX_URLS = 50_000;

/**
 * Every page URL of a sitemap, following sitemap indexes (at most 50 sitemaps, 50,000 URLs).
 * Gzipped sitemaps are not read (their bytes are not text): they are reported in `errors`.
 *
 * @example const { urls } = await readSitemap("https://x.dev/sitemap.xml", fetchOptions);
 */
export async function readSitemap(
  url: string,
  options: FetchTextOptions,
): Promise<{ urls: string[]; errors: string[] }> {
  const urls = new Set<string>();
  const errors: string[] = [];
  const queue = [url];
  const visited = new Set<string>();
  while (queue.length && visited.size < MAX_SITEMAPS && urls.size < MAX_URLS) {
    const next = queue.shift()!;
    if (visited.has(next)) continue;
    visited.add(next);
    const res = await fetchText(next, { ...options, accept: "application/xml, text/xml, */*;q=0.5" });
    if (res.status !== 200) {
      errors.push(`${next}: ${res.error ?? `HTTP ${res.status}`}`);
      continue;
    }
    const body = res.body;
    if (!body.trimStart().startsWith("<")) {
      errors.push(`${next}: not XML (a gzipped sitemap is not read)`);
      continue;
    }
    const locs = [...body.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/gi)].map((m) => decodeXml(m[1]!));
    if (/<sitemapindex[\s>]/i.test(body)) queue.push(...locs);
    else for (const loc of locs) if (urls.size < MAX_URLS) urls.add(loc);
  }
  return { urls: [...urls], errors };
}

/**
 * Where a site's sitemap is: the first `Sitemap:` line of its robots.txt, else /sitemap.xml.
 *
 * @example await discoverSitemap("https://x.dev/llms.txt", fetchOptions) // "https://x.dev/sitemap.xml"
 */
export async function discoverSitemap(siteUrl: string, options: FetchTextOptions): Promise<string> {
  const origin = new URL(siteUrl).origin;
  const robots = await fetchText(`${origin}/robots.txt`, { ...options, accept: "text/plain" });
  const declared = robots.status === 200 ? /^\s*sitemap:\s*(\S+)/im.exec(robots.body)?.[1] : undefined;
  return declared ?? `${origin}/sitemap.xml`;
}

/**
 * A key under which a page, its `.md` twin, its `.html` file and its directory form all match.
 *
 * @example pageKey("https://X.dev/docs/a.html.md") === pageKey("https://x.dev/docs/a/") // true
 */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    let path = decodeURIComponent(u.pathname);
    path = path
      .replace(/\/index\.html\.md$/, "/")
      .replace(/\.md$/, "")
      .replace(/\/index\.html?$/, "/")
      .replace(/\.html?$/, "");
    path = path.replace(/\/+$/, "");
    return `${u.hostname.toLowerCase()}${path}`;
  } catch {
    return url;
  }
}
