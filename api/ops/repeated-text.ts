/**
 * Boilerplate-like repeats for context packs: the same admonition, licence note or shared
 * paragraph often sits on many pages of a docs site, and a budgeted pack should not spend tokens
 * on it twice. A text is a repeat when most of its 5-word runs are already in the pack.
 */

/** Share of a candidate's 5-word runs already in the pack from which it counts as a repeat. */
const REPEAT_SHARE = 0.8;

/** Lowercase 5-word runs of a text (a short text is one run of all its words). */
function shingles(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length <= 5) return words.length ? [words.join(" ")] : [];
  const out: string[] = [];
  for (let i = 0; i + 5 <= words.length; i++) out.push(words.slice(i, i + 5).join(" "));
  return out;
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
      for (const s of shingles(text)) seen.add(s);
    },
    repeats(text: string): boolean {
      const own = shingles(text);
      if (own.length === 0) return false;
      return own.filter((s) => seen.has(s)).length / own.length >= REPEAT_SHARE;
    },
  };
}
