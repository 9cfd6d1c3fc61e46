import type { StoredChunk } from "./store.js";

/**
 * Groups ranked chunks into pages: a page scores its best chunk plus its next chunks damped by
 * `decay` (best + decay·second + decay²·third …), and is represented by its best chunk. A page with
 * several matching sections is usually the one that covers a topic, not one that mentions it once;
 * `decay` 0 is "best chunk only".
 *
 * @example aggregatePages(ranked, 0.3).map((c) => c.url) // one entry per page, best first
 */
export function aggregatePages(ranked: StoredChunk[], decay: number): StoredChunk[] {
  const pages = new Map<string, { best: StoredChunk; score: number; n: number }>();
  // Walking in ranked order means each page's chunks arrive best first.
  for (const chunk of ranked) {
    const page = pages.get(chunk.url);
    if (!page) pages.set(chunk.url, { best: chunk, score: chunk.score, n: 1 });
    else {
      page.score += chunk.score * decay ** page.n;
      page.n += 1;
    }
  }
  return [...pages.values()].map((p) => ({ ...p.best, score: p.score })).sort((a, b) => b.score - a.score);
}

/**
 * The best chunk of each section (`url#anchor`), in ranked order: a long section is split into
 * several chunks, and a list of hits repeating one citation crowds out other sections and pages.
 *
 * @example bestPerSection(ranked).map((c) => `${c.url}#${c.anchor}`) // no citation twice
 */
export function bestPerSection(ranked: StoredChunk[]): StoredChunk[] {
  const seen = new Set<string>();
  return ranked.filter((chunk) => {
    const citation = `${chunk.url}#${chunk.anchor}`;
    if (seen.has(citation)) return false;
    seen.add(citation);
    return true;
  });
}
