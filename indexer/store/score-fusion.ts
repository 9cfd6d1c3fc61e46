import type { Fusion } from "./fusion.js";
import type { StoredChunk } from "./store.js";

/**
 * Score-normalised weighted fusion: each list's scores are divided by its best score (so BM25's
 * open scale and cosine's [−1, 1] both land in [0, 1] with the best hit at 1), then a chunk's fused
 * score is the weighted sum over the lists that found it. Unlike RRF it keeps how far ahead a clear
 * winner is, which is what decides docs questions with one strong page.
 *
 * @example
 * const fuse = normalisedScoreFusion();
 * fuse([{ hits: textHits, weight: 1 }, { hits: vectorHits, weight: 0.3 }]);
 */
export function normalisedScoreFusion(): Fusion {
  return (lists) => {
    const fused = new Map<string, StoredChunk>();
    for (const { hits, weight } of lists) {
      const top = Math.max(0, ...hits.map((h) => h.score));
      if (top <= 0) continue;
      for (const hit of hits) {
        const prior = fused.get(hit.id);
        const add = (weight * Math.max(0, hit.score)) / top;
        fused.set(hit.id, { ...hit, score: (prior?.score ?? 0) + add });
      }
    }
    return [...fused.values()].sort((a, b) => b.score - a.score);
  };
}
