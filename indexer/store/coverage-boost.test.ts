import { describe, expect, it } from "vitest";
import { rerankByCoverage } from "./coverage-boost.js";
import type { StoredChunk } from "./store.js";

const hit = (id: string, text: string, score: number): StoredChunk => ({
  id,
  url: `https://d.dev/${id}`,
  site: "s",
  path: `/${id}`,
  title: "",
  ordinal: 0,
  headingPath: [],
  anchor: "",
  text,
  tokens: 1,
  embedded: false,
  score,
});

describe("rerankByCoverage", () => {
  it("raises the chunk that names more of the question", () => {
    const hits = [hit("a", "file file file file", 10), hit("b", "read a file line by line", 8)];
    expect(rerankByCoverage(hits, "read file by line", 1).map((h) => h.id)).toEqual(["b", "a"]);
    expect(rerankByCoverage(hits, "read file by line", 0)).toBe(hits);
    expect(rerankByCoverage(hits, "file", 1)).toBe(hits);
  });
});
