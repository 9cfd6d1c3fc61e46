/**
 * Politeness: a minimum interval between request starts per host (the larger of our delay and the
 * site's Crawl-delay), a pause when the site says Retry-After, and exponential backoff with jitter
 * for transient failures. Retries happen only for failures that can heal (timeouts, resets, 5xx, 429).
 */

export interface PolitenessOptions {
  /** Minimum milliseconds between two request starts on one host. */
  delayMs: number;
  /** Longest Retry-After we wait for; a longer one fails the request as RATE_LIMITED. */
  maxRetryAfterMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The longest per-host delay honoured from a site's Crawl-delay. */
export const MAX_HOST_DELAY_MS = 60_000;

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Per-host pacing. `acquire(host)` resolves when a request to `host` may start; it reserves the slot
 * before waiting, so concurrent callers queue up instead of firing together.
 *
 * @example
 * const gate = createHostGate({ delayMs: 500 });
 * await gate.acquire("docs.example.com"); // then send the request
 */
export function createHostGate(options: PolitenessOptions) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const next = new Map<string, number>();
  const delays = new Map<string, number>();
  return {
    /** Sets a host's own delay (Crawl-delay); the larger of it and the crawl's delay applies. */
    setHostDelay(host: string, ms: number): void {
      // Crawl-delay is not standardised; an hour per page would never finish, so it is capped.
      delays.set(host, Math.min(ms, MAX_HOST_DELAY_MS));
    },
    intervalFor(host: string): number {
      return Math.max(options.delayMs, delays.get(host) ?? 0);
    },
    async acquire(host: string): Promise<void> {
      const t = now();
      const slot = Math.max(t, next.get(host) ?? 0);
      next.set(host, slot + this.intervalFor(host));
      if (slot > t) await sleep(slot - t);
    },
    /** No request to `host` before `until` (epoch ms): Retry-After or backoff. */
    pauseUntil(host: string, until: number): void {
      next.set(host, Math.max(next.get(host) ?? 0, until));
    },
  };
}

export type HostGate = ReturnType<typeof createHostGate>;

/**
 * Milliseconds to wait from a Retry-After header (delta-seconds or an HTTP date), or undefined.
 *
 * @example retryAfterMs("120") // 120000
 */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with full jitter: a random wait in [base·2^attempt / 2, base·2^attempt], capped.
 *
 * @example backoffMs(2, { baseMs: 500 }) // between 1000 and 2000
 */
export function backoffMs(
  attempt: number,
  opts: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): number {
  const base = opts.baseMs ?? 500;
  const ceiling = Math.min(opts.maxMs ?? 30_000, base * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * (opts.random ?? Math.random)());
}

/** HTTP statuses worth retrying: the server may answer differently in a moment. */
export function isTransientStatus(status: number): boolean {
  return (
    status === 429 || status === 408 || status === 500 || status === 502 || status === 503 || status === 504
  );
}
