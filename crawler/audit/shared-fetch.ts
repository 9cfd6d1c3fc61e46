/**
 * The audit's checks run side by side and often want the same URL (the start page, sitemap URLs
 * that are also sampled pages, llms.txt): each URL is requested once per audit and its response
 * shared. Requests are paced like the crawl's — at most `concurrency` at once and `delayMs` between
 * two request starts on one host, raised by the site's Crawl-delay — because an audit is a crawler
 * too, whoever's site it reads.
 */
import { createHostGate } from "../fetch/politeness.js";
import type { GetResult, SafeGet } from "../fetch/safe-get.js";

export interface SharedFetchOptions {
  /** Minimum milliseconds between two request starts on one host (the crawl's `delayMs`). */
  delayMs: number;
  /** Requests in flight at once. */
  concurrency: number;
  /**
   * The audited origin: `get` answers other origins without a request (see createAuditFetch), so
   * they are neither paced nor counted against the concurrency.
   */
  origin?: string;
}

export interface SharedFetch {
  get: SafeGet;
  /** The site's Crawl-delay (milliseconds) for a host; the larger of it and `delayMs` applies. */
  setHostDelay(host: string, ms: number): void;
}

/**
 * @example
 * const shared = createSharedFetch(createAuditFetch(limits), { delayMs: 250, concurrency: 4 });
 * const [a, b] = await Promise.all([shared.get(url), shared.get(url)]); // one request, a === b
 */
export function createSharedFetch(get: SafeGet, o: SharedFetchOptions): SharedFetch {
  const gate = createHostGate({ delayMs: o.delayMs });
  const responses = new Map<string, Promise<GetResult>>();
  const waiting: (() => void)[] = [];
  let inFlight = 0;

  const slot = async () => {
    while (inFlight >= Math.max(1, o.concurrency)) await new Promise<void>((r) => waiting.push(r));
    inFlight++;
  };
  const release = () => {
    inFlight--;
    waiting.shift()?.();
  };

  const send = async (url: string, headers: Record<string, string> | undefined) => {
    const target = parse(url);
    if (!target || (o.origin && target.origin !== o.origin)) return get(url, headers);
    await slot();
    try {
      await gate.acquire(target.host);
      return await get(url, headers);
    } finally {
      release();
    }
  };

  return {
    get(url, headers) {
      const key = keyOf(url, headers);
      let res = responses.get(key);
      if (!res) {
        res = send(url, headers);
        responses.set(key, res);
      }
      return res;
    },
    setHostDelay: (host, ms) => gate.setHostDelay(host, ms),
  };
}

/**
 * The Accept header is part of the key (a page asked for as markdown is another response); the
 * user agent is not: every check sends the audit's own.
 */
function keyOf(url: string, headers: Record<string, string> = {}): string {
  const named = Object.entries(headers)
    .map(([k, v]) => [k.toLowerCase(), v] as const)
    .filter(([k]) => k !== "user-agent")
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `${JSON.stringify(named)} ${url}`;
}

/** A malformed URL fails in the audit fetch without a request: nothing to pace. */
function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
