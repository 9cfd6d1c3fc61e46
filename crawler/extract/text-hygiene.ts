/**
 * Characters a reader never sees but a model does: zero-width spaces and joiners, bidi controls
 * (which can reorder what a human reviews) and Unicode tag characters (which can smuggle a whole
 * ASCII instruction invisibly). They are a prompt-injection vector, so they never reach markdown.
 */
const INVISIBLE =
  /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\u{E0000}-\u{E007F}]/gu;

/**
 * Removes invisible characters and says how many were removed.
 *
 * @example stripInvisible("a\u200Bb") // { text: "ab", removed: 1 }
 */
export function stripInvisible(text: string): { text: string; removed: number } {
  let removed = 0;
  const out = text.replace(INVISIBLE, () => {
    removed++;
    return "";
  });
  return { text: out, removed };
}

/**
 * Whitespace runs collapsed to one space, ends trimmed: the text a reader perceives.
 *
 * @example collapseSpace("  a \n  b ") // "a b"
 */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
