/**
 * "Delete a page when a finished crawl no longer sees it" (DESIGN.md): which stored pages of a site a
 * crawl vouched for, and, once the crawl has ended complete, which ones it did not.
 */
import type { CrawlEnd, CrawlEvent } from "../../crawler/crawl.js";

// Skips that say nothing about whether the page still exists: it stays. UNCHANGED (304, lastmod) and
// DUPLICATE (same content or canonical URL as a stored page) mean it is there; NEEDS_JAVASCRIPT and
// EGRESS_BLOCKED are about how we fetched, not the site. NOT_FOUND is handled as it arrives.
const KEEP_SKIPS = new Set(["UNCHANGED", "DUPLICATE", "NEEDS_JAVASCRIPT", "EGRESS_BLOCKED", "NOT_FOUND"]);

/**
 * Collects, from a crawl's events, the URLs whose stored page must stay.
 *
 * @example
 * const seen = createSeenPages();
 * for (const event of events) seen.note(event);
 * const gone = seen.unseen(storedUrls, end); // [] unless end.complete
 */
export function createSeenPages() {
  const keep = new Set<string>();
  return {
    note(event: CrawlEvent): void {
      if (event.type === "page") {
        keep.add(event.page.url);
        if (event.requestUrl) keep.add(event.requestUrl);
      } else if (event.type === "failed" || KEEP_SKIPS.has(event.code)) {
        // A failure (5xx, timeout, reset) may be transient: the stored copy is kept.
        keep.add(event.url);
      }
    },
    /** Stored URLs to remove: none unless the crawl was complete; never one it vouched for. */
    unseen(stored: Iterable<string>, end: CrawlEnd | undefined): string[] {
      if (!end?.complete) return [];
      const earlier = (url: string) => {
        const e = end.earlier[url];
        // A resumed crawl's earlier run counts as this crawl: its outcomes are judged the same way.
        return e !== undefined && (e.status !== "skipped" || KEEP_SKIPS.has(e.code ?? ""));
      };
      return [...stored].filter((url) => !keep.has(url) && !earlier(url));
    },
  };
}
