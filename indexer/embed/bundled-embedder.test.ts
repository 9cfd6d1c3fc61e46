import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBundledEmbedder } from "./bundled-embedder.js";
import type { Embedder } from "./embedder.js";

const cosine = (a: Float32Array, b: Float32Array) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  return dot / Math.sqrt(na * nb);
};

describe("bundled embedder", () => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await createBundledEmbedder({ workers: 2 });
  }, 60_000);
  afterAll(() => embedder.close());

  it("returns one 512-d vector per text, in order", async () => {
    const texts = Array.from({ length: 19 }, (_, i) => `sentence number ${i} about queues`);
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(19);
    expect(vectors.every((v) => v.length === 512)).toBe(true);
    const [again] = await embedder.embed([texts[7]!]);
    expect(cosine(again!, vectors[7]!)).toBeGreaterThan(0.999);
  });

  it("places related texts closer than unrelated ones", async () => {
    const [q, near, far] = await embedder.embed([
      "how do I retry a failed job",
      "Retries: a job that throws is attempted again with exponential backoff",
      "The cat sat on the mat in the afternoon sun",
    ]);
    expect(cosine(q!, near!)).toBeGreaterThan(cosine(q!, far!));
  });
});
