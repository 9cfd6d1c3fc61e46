import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Page } from "../schemas/page.js";
import { tempDir } from "../test/helpers/temp-dir.js";
import { createIndexWriter } from "./index-writer.js";
import { openStore, type Store } from "./store/store.js";

const page = (n: number): Page => ({
  url: `https://x.dev/docs/p${n}`,
  finalUrl: `https://x.dev/docs/p${n}`,
  site: "x",
  title: `Page ${n}`,
  description: "",
  lang: "en",
  markdown: `# Page ${n}\n\nRetries back off; retries stop after the limit. Section ${n}.`,
  links: [],
  headings: [],
  contentHash: String(n),
  fetchedVia: "http",
  tokens: { html: 40, markdown: 20 },
  removed: [],
  fetchedAt: "2026-01-01T00:00:00.000Z",
});

describe("index writer", () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(async () => {
    tmp = tempDir();
    store = await openStore({ dir: tmp.path, dims: 8, readConsistencySec: 0 });
  });
  afterEach(() => {
    store.close();
    tmp.remove();
  });

  it("keeps a first crawl searchable by its frequent words while it runs", async () => {
    // Every page says "retries" twice: with the full-text index still empty, LanceDB finds none.
    const unindexed = createIndexWriter({
      store,
      embedder: undefined,
      chunkTokens: 256,
      firstTextIndex: 100,
    });
    for (let n = 0; n < 3; n++) await unindexed.addPage(page(n));
    expect(await store.searchText("retries", {}, 10)).toEqual([]);

    const writer = createIndexWriter({ store, embedder: undefined, chunkTokens: 256, firstTextIndex: 2 });
    for (let n = 3; n < 6; n++) await writer.addPage(page(n));
    expect((await store.searchText("retries", {}, 10)).length).toBeGreaterThanOrEqual(5);
    await writer.finish();
    expect((await store.searchText("retries", {}, 10)).length).toBe(6);
  });
});
