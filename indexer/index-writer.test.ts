import * as lancedb from "@lancedb/lancedb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Page } from "../schemas/page.js";
import { tempDir } from "../test/helpers/temp-dir.js";
import type { Embedder } from "./embed/embedder.js";
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
      batching: { pages: 1 },
    });
    for (let n = 0; n < 3; n++) await unindexed.addPage(page(n));
    expect(await store.searchText("retries", {}, 10)).toEqual([]);

    const writer = createIndexWriter({
      store,
      embedder: undefined,
      chunkTokens: 256,
      firstTextIndex: 2,
      batching: { pages: 1 },
    });
    for (let n = 3; n < 6; n++) await writer.addPage(page(n));
    expect((await store.searchText("retries", {}, 10)).length).toBeGreaterThanOrEqual(5);
    await writer.finish();
    expect((await store.searchText("retries", {}, 10)).length).toBe(6);
  });

  const versions = async () => {
    const db = await lancedb.connect(tmp.path);
    const table = await db.openTable("chunks");
    const version = await table.version();
    db.close();
    return version;
  };

  it("writes many pages in one commit, not one commit per page", async () => {
    const before = await versions();
    const writer = createIndexWriter({ store, embedder: undefined, chunkTokens: 256 });
    for (let n = 0; n < 100; n++) await writer.addPage(page(n));
    await writer.flush();
    // 100 pages at 64 per batch: two merges, where one commit per page made a hundred.
    expect((await versions()) - before).toBeLessThanOrEqual(4);
    expect((await store.counts()).pages).toBe(100);
    await writer.finish();
  });

  it("writes a waiting batch after its time limit, without another page arriving", async () => {
    const writer = createIndexWriter({
      store,
      embedder: undefined,
      chunkTokens: 256,
      batching: { waitMs: 100 },
    });
    await writer.addPage(page(1));
    // Polled: on a loaded machine the commit itself may take a while after the timer fires.
    const deadline = Date.now() + 20_000;
    while ((await store.counts()).pages === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect((await store.counts()).pages).toBe(1);
    await writer.finish();
  });

  it("fills vectors before the commit with an inline embedder, and after it with a background one", async () => {
    const fake = (inline: boolean): Embedder => ({
      name: "fake",
      dims: 8,
      inline,
      embed: async (texts) => texts.map(() => Float32Array.from({ length: 8 }, (_, i) => (i === 0 ? 1 : 0))),
      close: async () => {},
    });
    for (const inline of [true, false]) {
      const writer = createIndexWriter({ store, embedder: fake(inline), chunkTokens: 256 });
      for (let n = 0; n < 70; n++)
        await writer.addPage({
          ...page(n),
          contentHash: `${inline}${n}`,
          markdown: `# P${n}\n\n${inline} text ${n}`,
        });
      const { embedded } = await writer.finish();
      expect(embedded).toBe(70);
      expect((await store.counts()).embedded).toBe(70);
    }
  });

  it("settles one page with its vectors at once, without waiting for a batch", async () => {
    const background: Embedder = {
      name: "fake",
      dims: 8,
      embed: async (texts) => texts.map(() => Float32Array.from({ length: 8 }, (_, i) => (i === 0 ? 1 : 0))),
      close: async () => {},
    };
    const writer = createIndexWriter({ store, embedder: background, chunkTokens: 256 });
    await writer.addPage(page(1));
    const { embedded } = await writer.settle();
    expect(embedded).toBe(1);
    expect(await store.counts()).toMatchObject({ pages: 1, embedded: 1 });
  });

  it("reports a failed commit on the next call instead of losing pages silently", async () => {
    const failing = {
      ...store,
      replacePages: async () => {
        throw new Error("disk full");
      },
    };
    const writer = createIndexWriter({
      store: failing,
      embedder: undefined,
      chunkTokens: 256,
      batching: { pages: 2 },
    });
    await writer.addPage(page(0));
    await expect(writer.addPage(page(1))).rejects.toThrow("disk full");
    await expect(writer.addPage(page(2))).rejects.toThrow("disk full");
    await expect(writer.finish()).rejects.toThrow("disk full");
  });
});
