/**
 * Which pages the audit reads: the start page, then the pages llms.txt and the sitemap name (what
 * the owner considers important), then links found on pages already read, breadth-first — all on
 * the start URL's origin and under its directory, up to `maxPages`. Sitemap URLs are taken spread
 * over the whole list so a large sitemap's first section does not fill the sample.
 */
import { normalizeUrl } from "../frontier/normalize-url.js";
import { pagePathOfTwin } from "../llms-txt/md-twin.js";
import type { AuditFetch } from "./audit-fetch.js";
import { type PageFacts, pageFacts } from "./page-facts.js";

/** Pages fetched at once: polite to the audited site, enough to keep the audit quick. */
const CONCURRENCY = 4;
const SKIPPED_EXTENSIONS =
  /\.(png|jpe?g|gif|svg|webp|ico|css|js|mjs|json|xml|txt|md|pdf|zip|gz|tar|woff2?)$/i;

/**
 * @example const pages = await samplePages({ startUrl, seeds: [...llmsLinks, ...sitemapUrls], get, maxPages: 50 });
 */
export async function samplePages(o: {
  startUrl: string;
  /** Important URLs in priority order (llms.txt links, then sitemap URLs). */
  seeds: string[];
  get: AuditFetch;
  maxPages: number;
  onPage?: (page: PageFacts) => void;
}): Promise<PageFacts[]> {
  const start = new URL(o.startUrl);
  const prefix = start.pathname.replace(/[^/]*$/, "");
  const inScope = (u: URL) =>
    (u.protocol === "http:" || u.protocol === "https:") &&
    u.origin === start.origin &&
    u.pathname.startsWith(prefix) &&
    !SKIPPED_EXTENSIONS.test(u.pathname);
  const seen = new Set<string>();
  const queue: string[] = [];
  const push = (raw: string) => {
    let u: URL;
    try {
      u = new URL(raw, o.startUrl);
    } catch {
      return;
    }
    // llms.txt often links .md twins: the page audited is the HTML one behind it.
    if (u.pathname.endsWith(".md")) u.pathname = pagePathOfTwin(u.pathname);
    u.hash = "";
    if (!inScope(u)) return;
    const key = keyOf(u.href);
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(u.href);
  };
  push(o.startUrl);
  for (const s of o.seeds) push(s);
  const pages: PageFacts[] = [];
  const landed = new Set<string>();
  while (queue.length && pages.length < o.maxPages) {
    const batch = queue.splice(0, Math.min(CONCURRENCY, o.maxPages - pages.length));
    const fetched = await Promise.all(batch.map(async (url) => pageFacts(await o.get(url))));
    for (const page of fetched) {
      // Two URLs redirecting to one page (`/docs` and `/docs/`) are one page.
      if (landed.has(keyOf(page.finalUrl))) continue;
      landed.add(keyOf(page.finalUrl));
      if (page.status === 200 && !page.html) continue; // not HTML: a file, not a page
      pages.push(page);
      o.onPage?.(page);
      // Navigation links first: they reach the site's sections; then links in content.
      for (const region of ["nav", "main", "other"] as const)
        for (const link of page.links) if (link.region === region) push(link.url);
    }
  }
  return pages;
}

function keyOf(url: string): string {
  try {
    return normalizeUrl(url);
  } catch {
    return url;
  }
}
