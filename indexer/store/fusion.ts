import type { StoredChunk } from "./store.js";

/** Combines ranked lists of chunks (best first) into one ranking; `score` becomes the fused score. */
export type Fusion = (lists: { hits: StoredChunk[]; weight: number }[]) => StoredChunk[];

/**
 * Weighted reciprocal-rank fusion: each list adds `weight / (k + rank)` to a chunk's score. Rank-based,
 * so BM25 scores and cosine similarities need no common scale.
 *
 * @example
 * const fuse = reciprocalRankFusion(60);
 * fuse([{ hits: textHits, weight: 1 }, { hits: vectorHits, weight: 0.5 }]);
 */
export function reciprocalRankFusion(k = 60): Fusion {
  return (lists) => {
    const fused = new Map<string, StoredChunk>();
    for (const { hits, weight } of lists) {
      hits.forEach((hit, rank) => {
        const prior = fused.get(hit.id);
        const add = weight / (k + rank + 1);
        fused.set(hit.id, { ...hit, score: (prior?.score ?? 0) + add });
      });
    }
    return [...fused.values()].sort((a, b) => b.score - a.score);
  };
}
