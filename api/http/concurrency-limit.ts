import type { MiddlewareHandler } from "hono";

/**
 * At most `limit` requests run the handler at once; the rest wait in arrival order. More searches
 * inside LanceDB at once than there are cores add no throughput, and its native scheduler is not
 * fair, so some would wait far longer than others; a FIFO queue in front keeps every request's
 * wait near (queue length × service time).
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
