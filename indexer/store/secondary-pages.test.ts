import { describe, expect, it } from "vitest";
import { dampSecondary, isSecondaryPage } from "./secondary-pages.js";
import type { StoredChunk } from "./store.js";

const chunk = (url: string, title: string, score: number): StoredChunk => ({
  id: url,
  url,
  site: "s",
  path: new URL(url).pathname,
  title,
  ordinal: 0,
  headingPath: [],
  anchor: "",
  text: title,
  tokens: 1,
  embedded: false,
  score,
});

describe("secondary pages", () => {
  it("recognises change logs, what's new and release notes by URL segment or title", () => {
    expect(isSecondaryPage("https://d.dev/whatsnew/3.11.html", "Python 3.11")).toBe(true);
    expect(isSecondaryPage("https://d.dev/release-15-2.html", "Release 15.2")).toBe(true);
    expect(isSecondaryPage("https://d.dev/docs/CHANGELOG.md", "Project")).toBe(true);
    expect(isSecondaryPage("https://d.dev/blog/x", "What's new in v2")).toBe(true);
    expect(isSecondaryPage("https://d.dev/docs/releases/", "Releases")).toBe(true);
    expect(isSecondaryPage("https://d.dev/library/json.html", "json — JSON encoder and decoder")).toBe(false);
    expect(isSecondaryPage("https://d.dev/api/release-lock.html", "Releasing a lock")).toBe(false);
  });

  it("sinks secondary pages unless the question asks about changes", () => {
    const ranked = [
      chunk("https://d.dev/whatsnew/3.11.html", "What's New In Python 3.11", 10),
      chunk("https://d.dev/library/json.html", "json", 8),
    ];
    expect(dampSecondary(ranked, "parse json", 0.5).map((c) => c.title)).toEqual([
      "json",
      "What's New In Python 3.11",
    ]);
    expect(dampSecondary(ranked, "what changed in json", 0.5)).toBe(ranked);
    expect(dampSecondary(ranked, "parse json", 1)).toBe(ranked);
  });
});
