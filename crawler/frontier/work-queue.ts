/**
 * The crawl's frontier: a FIFO of URLs (breadth-first), the set of URLs ever queued, and a
 * drain signal: `take()` waits while others are still working (they may add links) and returns
 * undefined once the queue is empty and nobody is.
 */

export interface WorkItem {
  url: string;
  depth: number;
  /** Where the URL came from (a link, the sitemap, llms.txt, the seed), for the report. */
  via?: string;
}

/**
 * @example
 * const q = createWorkQueue(100);
 * q.add({ url: "https://x.dev/", depth: 0 });
 * for (let item; (item = await q.take()); q.done()) { … }
 */
export function createWorkQueue(maxQueued: number, onAdd?: (item: WorkItem) => void) {
  const queue: WorkItem[] = [];
  const seen = new Set<string>();
  let active = 0;
  let closed = false;
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  return {
    /** Queues a URL once; false when it was seen before or the page budget is spent. */
    add(item: WorkItem): boolean {
      if (closed || seen.has(item.url) || seen.size >= maxQueued) return false;
      seen.add(item.url);
      queue.push(item);
      onAdd?.(item);
      wake();
      return true;
    },
    /** Marks a URL as known without queueing it (a redirect target, a canonical URL). */
    markSeen(url: string): void {
      seen.add(url);
    },
    has(url: string): boolean {
      return seen.has(url);
    },
    get pending(): number {
      return queue.length + active;
    },
    get full(): boolean {
      return seen.size >= maxQueued;
    },
    async take(): Promise<WorkItem | undefined> {
      for (;;) {
        const item = queue.shift();
        if (item) {
          active += 1;
          return item;
        }
        if (active === 0 || closed) return undefined;
        await new Promise<void>((r) => waiters.push(r));
      }
    },
    /** Keeps workers waiting while a background task (sitemap discovery) may still add URLs; end with done(). */
    hold(): void {
      active += 1;
    },
    done(): void {
      active -= 1;
      wake();
    },
    /** Ends the crawl (abort, or the consumer stopped early): queued URLs are dropped, workers stop. */
    clear(): void {
      closed = true;
      queue.length = 0;
      wake();
    },
  };
}

export type WorkQueue = ReturnType<typeof createWorkQueue>;

/**
 * A path that repeats a segment many times (`/a/b/a/b/a/b/…`) is the mark of a crawler trap:
 * relative links that resolve one level deeper on every page.
 *
 * @example isTrapPath("/docs/x/docs/x/docs/x/page") // true
 */
export function isTrapPath(pathname: string, maxRepeats = 3, maxSegments = 30): boolean {
  const segments = pathname.split("/").filter(Boolean);
  if (segments.length > maxSegments) return true;
  const counts = new Map<string, number>();
  for (const s of segments) {
    const n = (counts.get(s) ?? 0) + 1;
    if (n >= maxRepeats) return true;
    counts.set(s, n);
  }
  return false;
}
