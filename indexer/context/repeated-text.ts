/**
 * Boilerplate-like repeats for context packs: the same admonition, licence note or shared
 * paragraph often sits on many pages of a docs site, and a budgeted pack should not spend tokens
 * on it twice. A text is a repeat when most of its 5-word runs are already in the pack.
 */

/** Share of a candidate's 5-word runs already in the pack from which it counts as a repeat. */
const REPEAT_SHARE = 0.8;

/** Lowercase 5-word runs of a text (a short text is one run of all its words), each made on demand. */
function runsOf(text: string): { count: number; at(i: number): string } {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length <= 5) return { count: words.length ? 1 : 0, at: () => words.join(" ") };
  return { count: words.length - 4, at: (i) => words.slice(i, i + 5).join(" ") };
}

/**
 * Tracks the text in a pack and tells whether a candidate would repeat it.
 *
 * @example
 * const seen = repeatTracker();
 * seen.add("Note: back up your data before upgrading the cluster.");
 * seen.repeats("note back up your data before upgrading the cluster") // true
 */
export function repeatTracker() {
  const seen = new Set<string>();
  return {
    add(text: string): void {
      const runs = runsOf(text);
      for (let i = 0; i < runs.count; i++) seen.add(runs.at(i));
    },
    repeats(text: string): boolean {
      if (seen.size === 0) return false;
      const runs = runsOf(text);
      // Decided as soon as the share is known either way: a pack tests every candidate, and most
      // miss on their first few runs.
      let found = 0;
      for (let i = 0; i < runs.count; i++) {
        if (seen.has(runs.at(i))) found++;
        if (found / runs.count >= REPEAT_SHARE) return true;
        if ((found + runs.count - i - 1) / runs.count < REPEAT_SHARE) return false;
      }
      return false;
    },
  };
}
