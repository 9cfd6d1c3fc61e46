import type { MiddlewareHandler } from "hono";
import { AgentwebError } from "../../schemas/errors.js";

/** Buckets idle this long are forgotten (they would be full again anyway). */
const IDLE_MS = 10 * 60_000;

/**
 * A token bucket per caller: `burst` requests at once, refilled at `rps` per second. Over the limit
 * the request is refused with 429 and `Retry-After` (seconds until one token is back). `rps` 0
 * turns the limit off.
 *
 * @example
 * const limit = tokenBuckets({ rps: 10, burst: 20 });
 * limit.take("key1") // 0 when allowed, else seconds to wait
 */
export function tokenBuckets(options: { rps: number; burst: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = now();
  return {
    /** Takes one token for `id`: returns 0 when allowed, else the whole seconds to wait. */
    take(id: string): number {
      if (options.rps <= 0) return 0;
      const t = now();
      if (t - lastSweep > IDLE_MS) {
        for (const [k, b] of buckets) if (t - b.at > IDLE_MS) buckets.delete(k);
        lastSweep = t;
      }
      const b = buckets.get(id) ?? { tokens: options.burst, at: t };
      b.tokens = Math.min(options.burst, b.tokens + ((t - b.at) / 1000) * options.rps);
      b.at = t;
      buckets.set(id, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / options.rps));
    },
  };
}

/**
 * The rate-limit middleware over {@link tokenBuckets}, keyed by the caller set by identifyCaller.
 *
 * @example app.use("/v1/*", rateLimit({ rps: 50, burst: 100 }));
 */
export function rateLimit(options: { rps: number; burst: number }): MiddlewareHandler {
  const buckets = tokenBuckets(options);
  return async (c, next) => {
    const wait = buckets.take(c.get("caller")?.id ?? "anonymous");
    if (wait > 0) {
      c.header("Retry-After", String(wait));
      throw new AgentwebError(
        "RATE_LIMITED",
        `rate limit of ${options.rps} requests/s exceeded; retry in ${wait}s`,
        {
          data: { retryAfter: wait },
        },
      );
    }
    return next();
  };
}
