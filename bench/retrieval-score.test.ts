import { describe, expect, it } from "vitest";
import { containsEvidence, distinctPages, scoreRankings } from "./retrieval-score.js";
import type { Question } from "./retrieval-sets.js";
import { BENCH_ORIGIN, pagePath } from "./retrieval-sets.js";

const q = (target: string, alternatives: string[] = []): Question => ({
  id: "x",
  question: "?",
  target,
  alternatives,
  evidence: "",
  kind: "api",
});

describe("retrieval scoring", () => {
  it("compares pages by their path under the docs root, not their file name", () => {
    expect(pagePath(`${BENCH_ORIGIN}/library/json.html#basic-usage`)).toBe("library/json.html");
    expect(pagePath("sql-update.html#x")).toBe("sql-update.html");
    const urls = [`${BENCH_ORIGIN}/tutorial/index.html`, `${BENCH_ORIGIN}/library/index.html#a`];
    expect(distinctPages(urls)).toEqual(["tutorial/index.html", "library/index.html"]);
    const s = scoreRankings([q("library/index.html")], [urls]);
    expect(s).toMatchObject({ r1: 0, r5: 1, mrr: 0.5, ranks: [2] });
  });

  it("counts an alternative as a hit and a page once however many of its chunks rank", () => {
    const urls = ["a.html#1", "a.html#2", "b.html", "c.html"];
    expect(scoreRankings([q("c.html", ["b.html"])], [urls])).toMatchObject({ r1: 0, mrr: 0.5 });
  });

  it("finds evidence as a word sequence, reading link text", () => {
    expect(containsEvidence("The system will **not** request\nconfirmation", "will not request")).toBe(true);
    expect(containsEvidence("see [the docs](http://x/y) here", "see the docs here")).toBe(true);
  });
});
