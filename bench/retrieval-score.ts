import type { Question } from "./retrieval-sets.js";
import { pagePath } from "./retrieval-sets.js";

/**
 * Page-level scores as the sets' READMEs define them: fragments stripped, the first 10 distinct
 * pages kept, a hit when the page's path (relative to the docs' HTML directory) is the target or an
 * alternative.
 *
 * @example scoreRankings(questions, rankings) // { r1: 0.5, r5: 0.76, mrr: 0.6 }
 */
export function scoreRankings(
  questions: Question[],
  rankings: string[][],
): { r1: number; r5: number; mrr: number; ranks: number[] } {
  let r1 = 0;
  let r5 = 0;
  let mrr = 0;
  const ranks: number[] = [];
  questions.forEach((q, i) => {
    const pages = distinctPages(rankings[i] ?? []);
    const good = new Set([q.target, ...q.alternatives]);
    const at = pages.findIndex((p) => good.has(p));
    ranks.push(at < 0 ? 0 : at + 1);
    if (at === 0) r1++;
    if (at >= 0 && at < 5) r5++;
    if (at >= 0) mrr += 1 / (at + 1);
  });
  const n = questions.length;
  return { r1: r1 / n, r5: r5 / n, mrr: mrr / n, ranks };
}

/** Paths of the first 10 distinct pages of a ranking of URLs or page paths. */
export function distinctPages(urls: string[]): string[] {
  const out: string[] = [];
  for (const u of urls) {
    const file = pagePath(u);
    if (!out.includes(file)) out.push(file);
    if (out.length === 10) break;
  }
  return out;
}

/**
 * Whether the evidence sentence is inside a text, compared as lowercase word sequences so markdown
 * syntax, line breaks and punctuation do not matter.
 *
 * @example containsEvidence("The system will **not** request confirmation", "will not request") // true
 */
export function containsEvidence(text: string, evidence: string): boolean {
  const words = (s: string) => (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");
  // The evidence is visible text: a link shows its text, not its target.
  const visible = text.replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, "]");
  return ` ${words(visible)} `.includes(` ${words(evidence)} `);
}
