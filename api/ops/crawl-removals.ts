/**
 * A page a finished crawl no longer sees is deleted, so the index follows the site: which stored
 * pages of a site a crawl vouched for, and, once the crawl has ended complete, which ones it did not. A crawl that
 * reached little of what is stored is more likely broken (a mistyped start URL, a stub page, a
 * site answering with an error page) than the site gone: then the unseen pages stay unless pruned.
 */
import type { CrawlEnd, CrawlEvent } from "../../crawler/crawl.js";

// Skips that say nothing about whether the page still exists: it stays. UNCHANGED (304, lastmod) and
// DUPLICATE (same content or canonical URL as a stored page) mean it is there; NEEDS_JAVASCRIPT and
// EGRESS_BLOCKED are about how we fetched, not the site. NOT_FOUND is handled as it arrives.
const KEEP_SKIPS = new Set(["UNCHANGED", "DUPLICATE", "NEEDS_JAVASCRIPT", "EGRESS_BLOCKED", "NOT_FOUND"]);

/** What to do with the stored pages a complete crawl did not reach. */
export interface RemovalPlan {
  /** Delete these. */
  remove: string[];
  /** Keep these although unseen, because the crawl looks unhealthy (`heldBecause` says why). */
  held: string[];
  heldBecause?: string;
}

/**
 * Collects, from a crawl's events, the URLs whose stored page must stay.
 *
 * @example
 * const seen = createSeenPages();
 * for (const event of events) seen.note(event);
 * const gone = seen.unseen(storedUrls, end); // [] unless end.complete
 * const { remove, held } = seen.plan(storedUrls, end, { prune: false }); // gone, unless the crawl looks broken
 */
export function createSeenPages() {
  const keep = new Set<string>();
  // Pages this crawl found there (stored or unchanged): zero means it reached nothing of the site.
  let found = 0;
  function unseen(stored: Iterable<string>, end: CrawlEnd | undefined): string[] {
    if (!end?.complete) return [];
    const earlier = (url: string) => {
      const e = end.earlier[url];
      // A resumed crawl's earlier run counts as this crawl: its outcomes are judged the same way.
      return e !== undefined && (e.status !== "skipped" || KEEP_SKIPS.has(e.code ?? ""));
    };
    return [...stored].filter((url) => !keep.has(url) && !earlier(url));
  }
  return {
    note(event: CrawlEvent): void {
      if (event.type === "page" || (event.type === "skipped" && event.code === "UNCHANGED")) found += 1;
      if (event.type === "page") {
        keep.add(event.page.url);
        if (event.requestUrl) keep.add(event.requestUrl);
      } else if (event.type === "failed" || KEEP_SKIPS.has(event.code)) {
        // A failure (5xx, timeout, reset) may be transient: the stored copy is kept.
        keep.add(event.url);
      }
    },
    /** Stored URLs to remove: none unless the crawl was complete; never one it vouched for. */
    unseen,
    /**
     * The unseen stored pages of a complete crawl, to remove only when the crawl was healthy: it
     * found some page, and reached at least half of the pages stored before it. `prune` removes
     * them regardless of health (never after an incomplete crawl).
     */
    plan(stored: string[], end: CrawlEnd | undefined, options: { prune?: boolean } = {}): RemovalPlan {
      const gone = unseen(stored, end);
      if (gone.length === 0 || options.prune || !end) return { remove: gone, held: [] };
      const reached = stored.length - gone.length;
      const foundEarlier = Object.values(end.earlier).filter((e) => e.status === "page").length;
      const heldBecause =
        found + foundEarlier === 0
          ? "this crawl found no page of the site"
          : reached * 2 < stored.length
            ? `this crawl reached only ${reached} of the ${stored.length} stored pages`
            : undefined;
      return heldBecause ? { remove: [], held: gone, heldBecause } : { remove: gone, held: [] };
    },
  };
}
