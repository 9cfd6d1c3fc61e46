import { stemTerms, termsFoundIn } from "./field-boost.js";
import type { StoredChunk } from "./store.js";

/**
 * A second look at the full-text candidates: the share of the question's distinct terms the chunk
 * holds (its text, headings and title). BM25 adds up term weights, so one rare word repeated can
 * outrank a chunk that names everything asked; on reference pages (many entries, each short) the
 * entry that names all of the question is usually the answer.
 *
 * @example rerankByCoverage(hits, "read a file line by line", 0.5)
 */
export function rerankByCoverage(hits: StoredChunk[], query: string, weight: number): StoredChunk[] {
  const terms = new Set(stemTerms(query));
  if (weight === 0 || terms.size < 2) return hits;
  return hits
    .map((hit) => {
      const found = termsFoundIn([hit.title, ...hit.headingPath, hit.text], terms, new Set());
      const share = found.size / terms.size;
      return { ...hit, score: hit.score * (1 + weight * share) };
    })
    .sort((a, b) => b.score - a.score);
}
