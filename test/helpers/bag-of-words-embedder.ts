import type { Embedder } from "../../indexer/embed/embedder.js";

/**
 * A deterministic stand-in embedder (hashed bag of words) for tests about storage and fusion,
 * where the real encoder's quality is not what is being tested.
 *
 * @example const e = bagOfWordsEmbedder(64); const [v] = await e.embed(["retry a job"]);
 */
export function bagOfWordsEmbedder(dims = 64): Embedder {
  return {
    name: `bag-of-words-${dims}`,
    dims,
    async embed(texts) {
      return texts.map((text) => {
        const v = new Float32Array(dims);
        for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
          let h = 2166136261;
          for (const ch of word) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
          v[(h >>> 0) % dims]! += 1;
        }
        return v;
      });
    },
    async close() {},
  };
}
