import { describe, expect, it } from "vitest";
import type { CrawlEnd, CrawlEvent } from "../../crawler/crawl.js";
import type { Page } from "../../schemas/page.js";
import { createSeenPages } from "./crawl-removals.js";

const u = (p: string) => `https://x.dev${p}`;
const complete: CrawlEnd = { complete: true, limitedBy: [], earlier: {} };

function events(): CrawlEvent[] {
  return [
    { type: "page", page: { url: u("/a") } as Page, requestUrl: u("/a-old"), queued: 0 },
    { type: "skipped", url: u("/b"), code: "UNCHANGED", reason: "304", queued: 0 },
    { type: "skipped", url: u("/c"), code: "DUPLICATE", reason: "canonical", queued: 0 },
    { type: "failed", url: u("/d"), code: "TIMEOUT", message: "timed out", queued: 0 },
    { type: "skipped", url: u("/e"), code: "NOINDEX", reason: "meta robots", queued: 0 },
  ];
}

describe("pages a finished crawl no longer sees", () => {
  const stored = ["/a", "/a-old", "/b", "/c", "/d", "/e", "/gone"].map(u);

  it("removes only pages neither stored, unchanged, duplicate nor failed in a complete crawl", () => {
    const seen = createSeenPages();
    for (const e of events()) seen.note(e);
    expect(seen.unseen(stored, complete)).toEqual([u("/e"), u("/gone")]);
  });

  it("removes nothing after a limited, cancelled or unfinished crawl", () => {
    const seen = createSeenPages();
    for (const e of events()) seen.note(e);
    expect(seen.unseen(stored, { complete: false, limitedBy: ["max-pages"], earlier: {} })).toEqual([]);
    expect(seen.unseen(stored, undefined)).toEqual([]);
  });

  it("counts what an interrupted earlier run of a resumed crawl finished", () => {
    const seen = createSeenPages();
    const end: CrawlEnd = {
      ...complete,
      earlier: { [u("/gone")]: { status: "page" }, [u("/e")]: { status: "failed", code: "TIMEOUT" } },
    };
    expect(seen.unseen([u("/gone"), u("/e"), u("/x")], end)).toEqual([u("/x")]);
  });

  describe("health: a crawl that reached little of the site removes nothing unless pruned", () => {
    const site = (n: number) => Array.from({ length: n }, (_, i) => u(`/p${i}`));
    const pages = (urls: string[]): CrawlEvent[] =>
      urls.map((url) => ({ type: "page", page: { url } as Page, queued: 0 }));

    it("removes the unseen pages of a crawl that reached at least half of the stored ones", () => {
      const seen = createSeenPages();
      for (const e of pages(site(10).slice(0, 5))) seen.note(e);
      expect(seen.plan(site(10), complete)).toEqual({ remove: site(10).slice(5), held: [] });
    });

    it("holds them when it reached fewer than half, and prune removes them", () => {
      const seen = createSeenPages();
      for (const e of pages(site(10).slice(0, 4))) seen.note(e);
      expect(seen.plan(site(10), complete)).toEqual({
        remove: [],
        held: site(10).slice(4),
        heldBecause: "this crawl reached only 4 of the 10 stored pages",
      });
      expect(seen.plan(site(10), complete, { prune: true }).remove).toEqual(site(10).slice(4));
    });

    it("holds them when it found no page at all, even if few were stored", () => {
      const seen = createSeenPages();
      seen.note({ type: "skipped", url: u("/p0"), code: "NOINDEX", reason: "meta robots", queued: 0 });
      expect(seen.plan(site(1), complete)).toMatchObject({ remove: [], heldBecause: /found no page/ });
    });

    it("counts pages found unchanged and by an earlier run of a resumed crawl", () => {
      const seen = createSeenPages();
      seen.note({ type: "skipped", url: u("/p0"), code: "UNCHANGED", reason: "304", queued: 0 });
      expect(seen.plan([u("/p0"), u("/gone")], complete).remove).toEqual([u("/gone")]);
      const resumed = createSeenPages();
      const end: CrawlEnd = { ...complete, earlier: { [u("/p0")]: { status: "page" } } };
      expect(resumed.plan([u("/p0"), u("/gone")], end).remove).toEqual([u("/gone")]);
    });

    it("never removes after an incomplete crawl, prune or not", () => {
      const seen = createSeenPages();
      const limited: CrawlEnd = { complete: false, limitedBy: ["max-pages"], earlier: {} };
      expect(seen.plan(site(3), limited, { prune: true })).toEqual({ remove: [], held: [] });
    });
  });
});
