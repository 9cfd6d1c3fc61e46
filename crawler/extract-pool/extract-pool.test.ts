import { threadId } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { isAgentwebError } from "../../schemas/errors.js";
import { createExtractPool, extractInline } from "./extract-pool.js";

const HTML = `<!doctype html><html><head><title>Retries</title></head><body><main><h1 id="retries">Retries</h1>
<p>${"Jobs are retried with exponential backoff and jitter when a handler throws. ".repeat(8)}</p></main></body></html>`;

/** A legitimate page that takes seconds to extract: ~3 MB of paragraphs. */
const SLOW = `<html><body><main><h1>Big</h1>${`<p>${"Lorem ipsum dolor sit amet, consectetur. ".repeat(40)}</p>\n`.repeat(1800)}</main></body></html>`;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

describe("extract pool", () => {
  it("extracts on worker threads, with the same result as in-thread extraction", async () => {
    const pool = createExtractPool({ size: 2, timeoutMs: 60_000 });
    try {
      const results = await Promise.all([1, 2, 3].map(() => pool.extract(HTML, "https://x.dev/retries")));
      const inline = extractInline(HTML, "https://x.dev/retries");
      expect(pool.mode).toBe("workers");
      for (const r of results) {
        expect(r.threadId).toBeGreaterThan(0);
        expect(r.threadId).not.toBe(threadId);
        expect(r.extracted).toEqual(inline.extracted);
        expect(r.tokens).toEqual(inline.tokens);
      }
      expect(inline.tokens.markdown).toBeGreaterThan(50);
      // Calls made in the same tick spread over the workers instead of queueing on one.
      expect(new Set(results.map((r) => r.threadId)).size).toBe(2);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it("fails a page past its budget with EXTRACT_TIMEOUT, replaces the worker and goes on", async () => {
    const pool = createExtractPool({ size: 1, timeoutMs: 60_000 });
    try {
      const first = await pool.extract(HTML, "https://x.dev/a");
      const started = performance.now();
      const err = await rejection(pool.extract(SLOW, "https://x.dev/slow", { timeoutMs: 50 }));
      expect(isAgentwebError(err, "EXTRACT_TIMEOUT")).toBe(true);
      expect((err as Error).message).toContain("https://x.dev/slow");
      // Terminated at the deadline, not after the page finished.
      expect(performance.now() - started).toBeLessThan(2000);
      const next = await pool.extract(HTML, "https://x.dev/b");
      expect(next.extracted.title).toBe("Retries");
      expect(next.threadId).toBeGreaterThan(0);
      expect(next.threadId).not.toBe(first.threadId);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it("size 0 extracts in-thread, bounded by the same budget", async () => {
    const pool = createExtractPool({ size: 0, timeoutMs: 50 });
    try {
      expect(pool.mode).toBe("in-thread");
      const small = await pool.extract(HTML, "https://x.dev/r", { timeoutMs: 30_000 });
      expect(small.extracted.title).toBe("Retries");
      expect(small.threadId).toBe(threadId);
      const started = performance.now();
      const err = await rejection(pool.extract(SLOW, "https://x.dev/slow"));
      expect(isAgentwebError(err, "EXTRACT_TIMEOUT")).toBe(true);
      expect(performance.now() - started).toBeLessThan(2000);
      expect((await pool.extract(HTML, "https://x.dev/r2", { timeoutMs: 30_000 })).extracted.title).toBe(
        "Retries",
      );
    } finally {
      await pool.close();
    }
  }, 120_000);
});
