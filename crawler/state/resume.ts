/**
 * Between the crawl loop and its saved state: what to queue when a crawl starts again, and what to
 * remember about each finished URL.
 */
import { ERROR_CODES } from "../../schemas/errors.js";
import type { CrawlContext } from "../crawl-context.js";
import type { CrawlEvent } from "../crawl-contract.js";
import type { WorkQueue } from "../frontier/work-queue.js";
import type { CrawlState, DoneEntry } from "./crawl-state.js";

/**
 * Refills the frontier from saved state. An interrupted crawl continues: finished URLs are known
 * (not fetched again), unfinished ones are queued, and so are URLs that failed for a passing reason
 * (unreachable, timed out, throttled: often why the run was stopped) and pages the consumer had not
 * yet stored when the run was killed (its writes are batched). A finished crawl's next run is
 * a re-crawl: every page it stored is queued again, to be re-checked with a conditional request.
 *
 * @example restoreFrontier(state, queue, ctx); // before the seed URL is added
 */
export function restoreFrontier(state: CrawlState, queue: WorkQueue, ctx: CrawlContext): void {
  const previous = state.previous;
  if (!previous) return;
  if (!previous.finished) {
    const stored = ctx.options.storedHashes;
    const redo = (url: string, entry: DoneEntry) =>
      failedForNow(entry) ||
      (stored !== undefined && entry.status === "page" && stored.get(url) !== entry.contentHash);
    for (const [url, entry] of Object.entries(previous.done)) {
      if (redo(url, entry)) continue;
      queue.markSeen(url);
      if (entry.status === "page" && entry.contentHash) {
        ctx.hashes.set(entry.contentHash, url);
        ctx.stored.add(url);
      }
    }
    for (const [url, depth] of Object.entries(previous.seen)) {
      const entry = previous.done[url];
      if (!entry || redo(url, entry)) queue.add({ url, depth, via: "resume" });
    }
    return;
  }
  ctx.previous = previous.done;
  for (const [url, entry] of Object.entries(previous.done)) {
    if (entry.status === "page") queue.add({ url, depth: previous.seen[url] ?? 1, via: "re-crawl" });
  }
}

/**
 * What to remember about a finished URL; an unchanged page keeps its previous validators.
 *
 * @example recordDone(state, event, ctx);
 */
export function recordDone(state: CrawlState, event: CrawlEvent, ctx: CrawlContext): void {
  if (event.type === "page") {
    const { page } = event;
    const entry: DoneEntry = {
      status: "page",
      contentHash: page.contentHash,
      ...(page.etag ? { etag: page.etag } : {}),
      ...(page.lastModified ? { lastModified: page.lastModified } : {}),
    };
    const lastmod = ctx.lastmods.get(event.requestUrl ?? page.url);
    if (lastmod) entry.lastmod = lastmod;
    state.markDone(page.url, entry);
    if (event.requestUrl && event.requestUrl !== page.url) state.markDone(event.requestUrl, entry);
    return;
  }
  const kept = event.type === "skipped" && event.code === "UNCHANGED" ? ctx.previous?.[event.url] : undefined;
  state.markDone(event.url, kept ?? { status: event.type, code: event.code });
}

/** A failure worth another try: its error code says retry later or back off. */
function failedForNow(entry: DoneEntry): boolean {
  if (entry.status !== "failed" || !entry.code || !(entry.code in ERROR_CODES)) return false;
  const { kind } = ERROR_CODES[entry.code as keyof typeof ERROR_CODES];
  return kind === "retryable" || kind === "throttled";
}
