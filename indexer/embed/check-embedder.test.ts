import { describe, expect, it } from "vitest";
import { bagOfWordsEmbedder } from "../../test/helpers/bag-of-words-embedder.js";
import type { DataDirMeta } from "../store/data-dir.js";
import { assertEmbedderMatches } from "./check-embedder.js";

const meta = (embedder: string, dims: number): DataDirMeta => ({
  formatVersion: 1,
  sites: {
    a: { site: "a", startUrl: "http://a/", embedder: "none", dims: 512 },
    b: { site: "b", startUrl: "http://b/", embedder, dims },
  },
});

describe("embedder check", () => {
  const embedder = bagOfWordsEmbedder(64);
  it("accepts the embedder that built the index, and sites without vectors", () => {
    expect(() => assertEmbedderMatches(meta("bag-of-words-64", 64), embedder)).not.toThrow();
  });
  it("names both embedders when they differ", () => {
    expect(() => assertEmbedderMatches(meta("bundled-use-lite-512", 512), embedder)).toThrow(
      /site b was indexed with embedder bundled-use-lite-512 \(512-d\) but this run uses bag-of-words-64 \(64-d\)/,
    );
  });
});
