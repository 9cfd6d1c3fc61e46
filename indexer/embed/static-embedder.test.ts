import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createStaticEmbedder } from "./static-embedder.js";
import { decodeTable, encodeTable, STATIC_TABLE_PATH } from "./static-table.js";

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe("static embedder", () => {
  const embedder = createStaticEmbedder();

  it("returns unit 512-d vectors, the same for the same text", async () => {
    const [a, b] = await embedder.embed(["configure retries with backoff", "configure retries with backoff"]);
    expect(a!.length).toBe(512);
    expect(cosine(a!, a!)).toBeCloseTo(1, 5);
    expect(Array.from(a!)).toEqual(Array.from(b!));
  });

  it("places related texts closer than unrelated ones, and reads past 128 pieces", async () => {
    const [q, near, far] = await embedder.embed([
      "how do I retry a failed job",
      "Retries: a job that throws is attempted again with exponential backoff",
      "The cat sat on the mat in the afternoon sun",
    ]);
    expect(cosine(q!, near!)).toBeGreaterThan(cosine(q!, far!));
    const filler = "the table has columns and rows ".repeat(60);
    const [x, y] = await embedder.embed([`${filler} vacuum`, `${filler} replication`]);
    expect(cosine(x!, y!)).toBeLessThan(0.99999);
  });

  // Speed is measured by bench/retrieval.ts, not asserted here.
  it("embeds a batch of long chunks to unit vectors, one per text", async () => {
    const texts = Array.from({ length: 500 }, (_, i) =>
      `chunk ${i} `.concat("about write-ahead logging and checkpoints ".repeat(25)),
    );
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(500);
    for (const v of vectors) expect(Math.hypot(...v)).toBeCloseTo(1, 3);
  });

  it("keeps the committed table's format (int8 rows round-trip within one step)", () => {
    const { rows, count, dims } = decodeTable(readFileSync(STATIC_TABLE_PATH));
    expect([count, dims]).toEqual([8000, 512]);
    const again = decodeTable(encodeTable(rows.subarray(0, 10 * dims), 10, dims));
    const max = Math.max(...Array.from(rows.subarray(0, dims), Math.abs));
    expect(Math.abs(again.rows[5]! - rows[5]!)).toBeLessThanOrEqual(max / 127);
  });
});
