/**
 * Which pages the audit reads: the start page, then the pages llms.txt and the sitemap name (what
 * the owner considers important), then links found on pages already read, breadth-first — all on
 * the start URL's origin and under its directory, up to `maxPages`. Sitemap URLs are taken spread
 * over the whole list so a large sitemap's first section does not fill the sample.
 *
 * Pages are taken in queue order (the sample does not depend on which response comes back first),
 * but the next few queued URLs are already being fetched and extracted while one is taken.
 */

import type { SafeGet } from "../fetch/safe-get.js";
import { normalizeUrl } from "../frontier/normalize-url.js";
import { pagePathOfTwin } from "../llms-txt/md-twin.js";
import { type ExtractHtml, type PageFacts, pageFacts } from "./page-facts.js";

/** Queued URLs being fetched and extracted ahead of the one taken (the fetch paces the requests). */
const AHEAD = 8;
const SKIPPED_EXTENSIONS =
  /\.(png|jpe?g|gif|svg|webp|ico|css|js|mjs|json|xml|txt|md|pdf|zip|gz|tar|woff2?)$/i;

/**
 * @example const pages = await samplePages({ startUrl, seeds: [...llmsLinks, ...sitemapUrls], get, maxPages: 50 });
 */
export async function samplePages(o: {
  startUrl: string;
  /** Important URLs in priority order (llms.txt links, then sitemap URLs). */
  seeds: string[];
  get: SafeGet;
  maxPages: number;
  /** Extraction (the crawler's worker pool); in this thread when not given. */
  extract?: ExtractHtml;
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
  // queue[taken] is the next URL to take; queue[taken .. started) are being read ahead.
  const reading = new Map<number, Promise<PageFacts>>();
  let taken = 0;
  let started = 0;
  const read = async (url: string) => pageFacts(await o.get(url), o.extract);
  while (taken < queue.length && pages.length < o.maxPages) {
    // Never more requests than pages still wanted: a URL read ahead is a page unless it is skipped.
    while (started < queue.length && started - taken < Math.min(AHEAD, o.maxPages - pages.length)) {
      const next = read(queue[started]!);
      // Awaited in turn; a failure is thrown when its turn comes, never left unhandled.
      next.catch(() => {});
      reading.set(started, next);
      started++;
    }
    const page = await reading.get(taken)!;
    reading.delete(taken);
    taken++;
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
  return pages;
}

function keyOf(url: string): string {
  try {
    return normalizeUrl(url);
  } catch {
    return url;
  }
}
