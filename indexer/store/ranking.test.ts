import { describe, expect, it } from "vitest";
import { boostByFields, type FieldWeights, stemTerms, titleTerms } from "./field-boost.js";
import { aggregatePages } from "./page-aggregate.js";
import { normalisedScoreFusion } from "./score-fusion.js";
import type { StoredChunk } from "./store.js";

const hit = (id: string, url: string, score: number): StoredChunk => ({
  id,
  url,
  site: "s",
  path: "/",
  title: "",
  ordinal: 0,
  headingPath: [],
  anchor: "",
  text: "",
  tokens: 1,
  embedded: true,
  score,
});

describe("normalised score fusion", () => {
  it("puts each list on a 0..1 scale before weighting, so a clear text winner survives", () => {
    const text = [hit("a", "u1", 30), hit("b", "u2", 10)];
    const vector = [hit("b", "u2", 0.9), hit("a", "u1", 0.85)];
    const fused = normalisedScoreFusion()([
      { hits: text, weight: 1 },
      { hits: vector, weight: 0.5 },
    ]);
    expect(fused.map((h) => h.id)).toEqual(["a", "b"]);
    expect(fused[0]!.score).toBeCloseTo(1 + (0.5 * 0.85) / 0.9);
  });

  it("lets a heavy vector weight decide, and ignores an empty list", () => {
    const text = [hit("a", "u1", 30), hit("b", "u2", 28)];
    const vector = [hit("b", "u2", 0.9)];
    const fuse = normalisedScoreFusion();
    expect(
      fuse([
        { hits: text, weight: 1 },
        { hits: vector, weight: 1 },
      ])[0]!.id,
    ).toBe("b");
    expect(
      fuse([
        { hits: text, weight: 1 },
        { hits: [], weight: 1 },
      ]).map((h) => h.id),
    ).toEqual(["a", "b"]);
  });
});

describe("page aggregation", () => {
  it("keeps one entry per page, represented by its best chunk", () => {
    const ranked = [hit("a1", "A", 1), hit("b1", "B", 0.9), hit("a2", "A", 0.8)];
    expect(aggregatePages(ranked, 0).map((h) => h.id)).toEqual(["a1", "b1"]);
  });

  it("lets a page with several matching sections overtake a single strong chunk", () => {
    const ranked = [hit("a1", "A", 1), hit("b1", "B", 0.9), hit("b2", "B", 0.8), hit("b3", "B", 0.7)];
    const pages = aggregatePages(ranked, 0.5);
    expect(pages.map((h) => h.id)).toEqual(["b1", "a1"]);
    expect(pages[0]!.score).toBeCloseTo(0.9 + 0.4 + 0.175);
  });
});

describe("field boost", () => {
  it("lifts the chunk whose heading path names the query's topic above a passing mention", () => {
    const mention = { ...hit("m", "u1", 10), headingPath: ["Server Setup", "Kernel Resources"] };
    const topic = { ...hit("t", "u2", 8), headingPath: ["Routine Vacuuming", "Autovacuum Daemon"] };
    const only = (w: Partial<FieldWeights>) => ({ fields: 0, title: 0, pairs: 0, ...w });
    const boosted = boostByFields([mention, topic], "why is autovacuum not running", only({ fields: 1 }));
    expect(boosted.map((h) => h.id)).toEqual(["t", "m"]);
    expect(boostByFields([mention, topic], "why is autovacuum not running", only({}))).toEqual([
      mention,
      topic,
    ]);
  });

  it("lifts the page whose whole title the question names, section numbers aside", () => {
    const only = { fields: 0, title: 0.5, pairs: 0 };
    const alter = { ...hit("a", "alter", 10), title: "ALTER GROUP" };
    const create = { ...hit("c", "create", 9), title: "CREATE GROUP" };
    const tutorial = { ...hit("t", "tutorial", 9.5), title: "2.8. Updates" };
    const ranked = boostByFields(
      [alter, tutorial, create],
      "is CREATE GROUP still different from a role?",
      only,
    );
    expect(ranked.map((h) => h.id)).toEqual(["c", "a", "t"]);
    expect(ranked[0]!.score).toBeCloseTo(9 * 1.5);
    expect(ranked[1]!.score).toBeCloseTo(10 * (1 + 0.5 * 0.25));
    expect(boostByFields([tutorial], "apply updates", only)[0]!.score).toBeCloseTo(9.5 * 1.5);
  });

  it("reads a title without its section number or site name", () => {
    expect(titleTerms("2.8. Updates")).toEqual(["updat"]);
    expect(titleTerms("F.1. adminpack")).toEqual(["admin"]);
    expect(titleTerms("Scheduling | Quiver Docs")).toEqual(["sched"]);
    expect(titleTerms("Array.prototype.map() — JavaScript | MDN")).toEqual(["array", "proto", "map"]);
    expect(titleTerms("pg_stat_activity")).toEqual(["pg", "stat", "activ"]);
  });

  it("lifts a chunk where the question's words stand side by side", () => {
    const only = { fields: 0, title: 0, pairs: 1 };
    const apart = {
      ...hit("x", "u1", 10),
      text: "The order of rows is undefined; sort by hand or use desc.",
    };
    const phrase = { ...hit("y", "u2", 9), text: "With ORDER BY x DESC, nulls come first." };
    const ranked = boostByFields([apart, phrase], "where do nulls show up with ORDER BY x DESC", only);
    expect(ranked.map((h) => h.id)).toEqual(["y", "x"]);
  });

  it("stems crudely and drops question words", () => {
    expect(stemTerms("How do I create indexes on pg_stat_activity?")).toEqual([
      "creat",
      "index",
      "pg",
      "stat",
      "activ",
    ]);
  });
});

describe("field boost's word-pair share", () => {
  // The share as first written: every adjacent pair of the text's terms, intersected with the query's.
  const pairsOf = (terms: string[]) => new Set(terms.slice(1).map((t, i) => `${terms[i]} ${t}`));
  const referenceShare = (text: string, query: string) => {
    const wanted = [...pairsOf(stemTerms(query))];
    const found = pairsOf(stemTerms(text));
    return wanted.length ? wanted.filter((p) => found.has(p)).length / wanted.length : 0;
  };

  it("scores exactly as intersecting every pair of the text, on varied texts", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const words = [
      "order",
      "by",
      "desc",
      "ORDER",
      "the",
      "a",
      "x",
      "index",
      "indexes",
      "İstanbul",
      "naïve",
      "pg_stat_activity",
      "2.8",
      "of",
      "rows",
      "sort",
      "Ordering",
      "descending",
      "ß",
      "日本語",
      "𝒳y",
    ];
    const pick = (n: number) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]!);
    const only = { fields: 0, title: 0, pairs: 1 };
    for (let i = 0; i < 300; i++) {
      const query = pick(1 + Math.floor(random() * 6)).join(" ");
      const text = pick(Math.floor(random() * 40)).join(random() < 0.5 ? " " : ", ");
      const [boosted] = boostByFields([{ ...hit("h", "u", 1), text }], query, only);
      expect(boosted!.score, `${query} | ${text}`).toBe(1 + referenceShare(text, query));
    }
  });
});
