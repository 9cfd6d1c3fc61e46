import { afterEach, describe, expect, it } from "vitest";
import { resolveConfig } from "../../schemas/config.js";
import { ContextRequest } from "../../schemas/context.js";
import type { Page } from "../../schemas/page.js";
import { SearchQuery } from "../../schemas/search.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { getContext } from "./get-context.js";
import { openIndex } from "./index-handle.js";
import { searchDocs } from "./search-docs.js";

describe("searches through the cache", () => {
  let tmp: ReturnType<typeof tempDir> | undefined;
  afterEach(() => tmp?.remove());

  const page = (url: string, markdown: string): Page => ({
    url,
    finalUrl: url,
    site: "s",
    title: "Retries",
    description: "",
    lang: "en",
    markdown,
    links: [],
    headings: [],
    contentHash: markdown,
    fetchedVia: "http",
    tokens: { html: 10, markdown: 10 },
    removed: [],
    fetchedAt: "2026-01-01T00:00:00.000Z",
  });
  const chunkOf = (url: string, text: string) => ({
    id: `${url}#0`,
    url,
    site: "s",
    title: "Retries",
    ordinal: 0,
    headingPath: ["Retries"],
    anchor: "",
    text,
    tokens: 5,
  });

  it("sees a page stored after the same question was answered", async () => {
    tmp = tempDir();
    const config = resolveConfig({ flags: { data: tmp.path, embedder: "none" } });
    const writer = await openIndex(config, { write: true, owner: "test" });
    // A second process's view: it learns of the writer's commits through its consistency checks.
    const reader = await openIndex(config, { write: false, owner: "test" });
    try {
      const a = "https://x.dev/a";
      const b = "https://x.dev/b";
      await writer.store.replacePage(page(a, "retry jobs"), [chunkOf(a, "retry failed jobs with backoff")]);
      // An unindexed corpus where every row holds a term matches nothing (see store.test.ts).
      const c = "https://x.dev/c";
      await writer.store.replacePage(page(c, "queues"), [chunkOf(c, "an unrelated page about queues")]);
      // The reader checks for new commits once a second.
      await new Promise((r) => setTimeout(r, 1100));
      const before = await searchDocs(reader, SearchQuery.parse({ q: "retry backoff" }));
      expect(before.hits.map((h) => h.url)).toEqual([a]);
      expect(await searchDocs(reader, SearchQuery.parse({ q: "retry backoff" }))).toBe(before);
      const pack = await getContext(reader, ContextRequest.parse({ q: "retry backoff" }));
      expect(pack.parts.map((p) => p.url)).toEqual([a]);
      expect(await getContext(reader, ContextRequest.parse({ q: "retry backoff" }))).toBe(pack);
      // Another budget is another pack.
      expect(await getContext(reader, ContextRequest.parse({ q: "retry backoff", maxTokens: 100 }))).not.toBe(
        pack,
      );
      await writer.store.replacePage(page(b, "retry more"), [chunkOf(b, "retry with exponential backoff")]);
      await new Promise((r) => setTimeout(r, 1100));
      const after = await searchDocs(reader, SearchQuery.parse({ q: "retry backoff" }));
      expect(after.hits.map((h) => h.url).sort()).toEqual([a, b]);
      expect((await getContext(reader, ContextRequest.parse({ q: "retry backoff" }))).parts).toHaveLength(2);
    } finally {
      await reader.close();
      await writer.close();
    }
  });
});
