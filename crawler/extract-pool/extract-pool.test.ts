import { describe, expect, it } from "vitest";
import { createExtractPool, extractInline } from "./extract-pool.js";

const HTML = `<!doctype html><html><head><title>Retries</title></head><body><main><h1 id="retries">Retries</h1>
<p>${"Jobs are retried with exponential backoff and jitter when a handler throws. ".repeat(8)}</p></main></body></html>`;

describe("extract pool", () => {
  it("gives the same result as in-thread extraction (on workers, or in-thread when workers cannot load)", async () => {
    const pool = createExtractPool(2);
    try {
      const results = await Promise.all([1, 2, 3].map(() => pool.extract(HTML, "https://x.dev/retries")));
      const inline = extractInline(HTML, "https://x.dev/retries");
      for (const r of results) expect(r).toEqual(inline);
      expect(inline.tokens.markdown).toBeGreaterThan(50);
    } finally {
      await pool.close();
    }
  });

  it("size 0 extracts in-thread", async () => {
    const pool = createExtractPool(0);
    expect((await pool.extract(HTML, "https://x.dev/r")).extracted.title).toBe("Retries");
    await pool.close();
  });
});
