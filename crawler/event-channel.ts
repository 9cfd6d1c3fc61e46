/**
 * A bounded async queue between a producer (the crawler's handlers) and one consumer (a `for await`
 * loop): `push` waits while the buffer is full, so a slow indexer slows the crawl instead of
 * buffering the whole site in memory.
 *
 * @example
 * const ch = createChannel<number>(8);
 * void (async () => { await ch.push(1); ch.close(); })();
 * for await (const n of ch) console.log(n);
 */
export function createChannel<T>(capacity: number) {
  const buffer: T[] = [];
  let closed = false;
  let failure: unknown;
  let wakeConsumer: (() => void) | undefined;
  const waitingProducers: (() => void)[] = [];

  const wake = () => {
    wakeConsumer?.();
    wakeConsumer = undefined;
  };

  return {
    async push(item: T): Promise<void> {
      while (buffer.length >= capacity && !closed) await new Promise<void>((r) => waitingProducers.push(r));
      if (closed) return;
      buffer.push(item);
      wake();
    },
    /** Ends the stream; with `error`, the consumer's loop throws it after the buffered items. */
    close(error?: unknown): void {
      closed = true;
      failure = error;
      for (const r of waitingProducers.splice(0)) r();
      wake();
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<T> {
      while (true) {
        if (buffer.length > 0) {
          yield buffer.shift()!;
          waitingProducers.shift()?.();
          continue;
        }
        if (closed) {
          if (failure) throw failure;
          return;
        }
        await new Promise<void>((r) => {
          wakeConsumer = r;
        });
      }
    },
  };
}
