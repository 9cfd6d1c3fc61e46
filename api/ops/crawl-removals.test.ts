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
});
