import type { MiddlewareHandler } from "hono";

/**
 * At most `limit` requests run the handler at once; the rest wait in arrival order. Measured on a
 * 100,000-chunk index (bench/api.ts): letting 64 searches into LanceDB at once on 2 cores gave
 * the same throughput as 4 at a time, but an unfair native scheduler let some wait over 10 s; a
 * FIFO queue in front keeps every request's wait near (queue length × service time).
 *
 * @example app.use("/v1/search", concurrencyLimit(4));
 */
export function concurrencyLimit(limit: number): MiddlewareHandler {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (_c, next) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      await next();
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), else free it.
      const wake = waiting.shift();
      if (wake) wake();
      else running -= 1;
    }
  };
}
