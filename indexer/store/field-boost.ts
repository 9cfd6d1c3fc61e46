import type { StoredChunk } from "./store.js";

/** Words that say nothing about a docs topic (question words, auxiliaries, pronouns). */
const STOP = new Set(
  (
    "a an and are as at be but by can could did do does doing for from get got has have how i if in into is it " +
    "its me my no not of on or our should so than that the their them then there these they this to use used " +
    "using was we what when where which while who why will with without would you your"
  ).split(" "),
);

/**
 * Lowercase content words, each cut to a 5-letter prefix: a cheap stem that matches "indexes" to "index".
 *
 * @example stemTerms("How do I create indexes?") // ["creat", "index"]
 */
export function stemTerms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => w.slice(0, 5));
}

/**
 * Field-aware re-scoring of full-text hits: a chunk whose page title or heading path holds query
 * terms gains `weight` × (share of the query's terms found there). The full-text index reads
 * heading path and body as one field, so a title match counts no more than a passing mention in a
 * long body; on docs, the section named after the topic is usually the answer.
 *
 * @example boostByFields(hits, "why is autovacuum not running", 0.5)
 */
export function boostByFields(hits: StoredChunk[], query: string, weight: number): StoredChunk[] {
  const terms = [...new Set(stemTerms(query))];
  if (weight === 0 || terms.length === 0) return hits;
  return hits
    .map((hit) => {
      const fields = new Set(
        stemTerms(`${hit.title} ${hit.headingPath.join(" ")} ${hit.anchor.replace(/[-_.]/g, " ")}`),
      );
      const share = terms.filter((t) => fields.has(t)).length / terms.length;
      return { ...hit, score: hit.score * (1 + weight * share) };
    })
    .sort((a, b) => b.score - a.score);
}
