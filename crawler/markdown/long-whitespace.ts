/**
 * Long whitespace runs hidden from turndown. Turndown ends every conversion with
 * `.replace(/[\t\r\n\s]+$/, "")` over the whole output, which retries from each character of a
 * whitespace run that does not end the text: quadratic in the run's length (200k spaces in a
 * `<pre>`, or 100k `&nbsp;` in a paragraph, took minutes). Runs longer than a line's worth are
 * written with stand-in characters (Unicode noncharacters, which sanitizeHtmlInput keeps out of
 * page text) and written back once turndown is done. Short runs are untouched, so ordinary
 * markdown never changes.
 */

/** Runs up to this long cost turndown little; longer ones are shielded. */
const LONGEST_PLAIN_RUN = 32;

const TO_STAND_IN: Record<string, string> = {
  " ": "\uFDE0",
  "\t": "\uFDE1",
  "\n": "\uFDE2",
  "\r": "\uFDE3",
  "\u00A0": "\uFDE4",
};
const FROM_STAND_IN: Record<string, string> = Object.fromEntries(
  Object.entries(TO_STAND_IN).map(([ws, standIn]) => [standIn, ws]),
);
/** Any other whitespace character (ideographic space, em space …) shares one stand-in with its code. */
const OTHER = "\uFDE5";
const LONG_RUN = new RegExp(`\\s{${LONGEST_PLAIN_RUN + 1},}`, "g");
const STAND_INS = /[\uFDE0-\uFDE4]|\uFDE5([0-9a-f]{4})/g;

/**
 * Replaces whitespace runs longer than 32 characters with stand-ins.
 *
 * @example shieldLongWhitespace(`a${" ".repeat(40)}b`) // "a\uFDE0…\uFDE0b"
 */
export function shieldLongWhitespace(text: string): string {
  if (text.length <= LONGEST_PLAIN_RUN) return text;
  // `\s{33,}` is greedy and never backtracks into a run it could not extend: linear.
  return text.replace(LONG_RUN, (run) => {
    let out = "";
    for (const c of run) out += TO_STAND_IN[c] ?? `${OTHER}${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    return out;
  });
}

/**
 * Writes shielded runs back as the whitespace they stand for.
 *
 * @example unshieldWhitespace(shieldLongWhitespace(text)) === text // true
 */
export function unshieldWhitespace(text: string): string {
  if (!/[\uFDE0-\uFDE5]/.test(text)) return text;
  return text.replace(STAND_INS, (m, code: string | undefined) =>
    code ? String.fromCharCode(Number.parseInt(code, 16)) : FROM_STAND_IN[m]!,
  );
}
