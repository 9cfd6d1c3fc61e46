import { afterEach, describe, expect, it } from "vitest";
import { createStaticEmbedder } from "../../indexer/embed/static-embedder.js";
import { resolveConfig } from "../../schemas/config.js";
import type { Page } from "../../schemas/page.js";
import { SearchQuery } from "../../schemas/search.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { openIndex } from "./index-handle.js";
import { reindexVectors } from "./reindex.js";
import { searchDocs } from "./search-docs.js";

const page = (url: string, markdown: string): Page => ({
  url,
  finalUrl: url,
  site: "s",
  title: url,
  description: "",
  lang: "en",
  markdown,
  links: [],
  headings: [],
  contentHash: url,
  fetchedVia: "http",
  tokens: { html: 1, markdown: 1 },
  removed: [],
  fetchedAt: "2026-01-01T00:00:00.000Z",
});

describe("reindex", () => {
  const tmp = tempDir();
  afterEach(() => tmp.remove());

  it("replaces every vector with the configured embedder and records it, after which search works", async () => {
    const config = resolveConfig({ flags: { data: tmp.path, embedder: "static" } });
    const index = await openIndex(config, { write: true, owner: "test" });
    try {
      for (const [url, md] of [
        ["https://x.dev/vacuum", "# Vacuum\n\nVACUUM reclaims storage occupied by dead tuples."],
        ["https://x.dev/replication", "# Replication\n\nStreaming replication ships WAL to standbys."],
      ] as const) {
        await index.store.replacePage(page(url, md), [
          {
            id: url,
            url,
            site: "s",
            title: url,
            ordinal: 0,
            headingPath: [],
            anchor: "",
            text: md,
            tokens: 9,
          },
        ]);
      }
      // As if the site had been crawled with the bundled encoder.
      index.dataDir.writeMeta((m) => {
        m.sites.s = { site: "s", startUrl: "https://x.dev/", embedder: "bundled-use-lite-512", dims: 512 };
      });
      await expect(
        searchDocs(index, SearchQuery.parse({ q: "dead tuples", mode: "vector" })),
      ).rejects.toThrow(/indexed with embedder bundled-use-lite-512 .* uses static-use-lite-512/);
      const result = await reindexVectors(index, createStaticEmbedder());
      expect(result).toEqual({ embedded: 2, embedder: "static-use-lite-512" });
      expect(index.dataDir.readMeta().sites.s).toMatchObject({ embedder: "static-use-lite-512", dims: 512 });
      expect(await index.store.counts()).toMatchObject({ chunks: 2, embedded: 2 });
    } finally {
      await index.close();
    }
    const reader = await openIndex(config, { write: false, owner: "test" });
    try {
      const { hits } = await reader
        .embedder()
        .then(() => searchDocs(reader, SearchQuery.parse({ q: "reclaim dead tuples", mode: "vector" })));
      expect(hits[0]!.url).toBe("https://x.dev/vacuum");
    } finally {
      await reader.close();
    }
  });
});
