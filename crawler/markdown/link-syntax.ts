/**
 * Markdown inline links (`[text](url)`, `![alt](url)`) found in one left-to-right pass. The regular
 * expressions this replaces (`\[([^\]]*)\]\([^)]*\)` and bounded variants) retry from every `[`
 * and rescan the same text, which is quadratic on a run of brackets; this scanner gives the same
 * matches (leftmost first, same text and URL rules) in linear time.
 *
 * Why it stays linear: from an opening `[`, the link text ends at the first stop character (a `]`,
 * or a newline where the text may not hold one). Every later `[` before that stop reaches the very
 * same stop (escape pairs stay aligned, since a `[` is never a backslash), so one scan settles all
 * of them; the URL after a given `]` is likewise read once.
 */

export interface LinkSyntax {
  /** `![alt](url)` only (true), `[text](url)` not preceded by `!` ("not-image"), or any `[`. */
  image?: boolean | "not-image";
  /** Link text may hold backslash escapes (`\]`), as `(?:\\.|[^\]\\\n])` does. */
  escapes?: boolean;
  /** Link text may span lines (`[^\]]`) rather than stop at a newline (`[^\]\n]`). */
  multiline?: boolean;
  /** Link text is whitespace only (`\[\s*\]`), as in an empty link. */
  blankText?: boolean;
  /** Most characters (escape pairs count once) the text may have. */
  maxText?: number;
  /** The URL may not hold whitespace (`[^)\s]`), as opposed to anything but `)` (`[^)]`). */
  urlNoSpace?: boolean;
  /** Most characters the URL may have. */
  maxUrl?: number;
}

/** Characters `.` does not match in a JavaScript regular expression. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
const SPACE = /\s/;

/**
 * Replaces every inline link that `syntax` describes with `replace(text, url)`; text outside the
 * links is kept as is.
 *
 * @example replaceLinks("see [docs](https://x.test/) now", {}, (text) => text) // "see docs now"
 */
export function replaceLinks(
  source: string,
  syntax: LinkSyntax,
  replace: (text: string, url: string) => string,
): string {
  const maxText = syntax.maxText ?? Number.POSITIVE_INFINITY;
  const maxUrl = syntax.maxUrl ?? Number.POSITIVE_INFINITY;
  const urlStop = urlStopFinder(source, syntax.urlNoSpace === true);
  const isOpener = (i: number): boolean => {
    if (source[i] !== "[") return false;
    if (syntax.image === true) return source[i - 1] === "!";
    if (syntax.image === "not-image") return source[i - 1] !== "!";
    return true;
  };
  /** The `)` ending a URL that starts at `from`, or -1. */
  const urlEnd = (from: number): number => {
    const stop = urlStop(from);
    return source[stop] === ")" && stop - from <= maxUrl ? stop : -1;
  };

  let out = "";
  let copied = 0;
  let i = 0;
  while (i < source.length) {
    const p = source.indexOf("[", i);
    if (p < 0) break;
    if (!isOpener(p)) {
      i = p + 1;
      continue;
    }
    if (syntax.blankText) {
      // Only whitespace fits between the brackets: no other opener can lie inside.
      let q = p + 1;
      while (q < source.length && q - p - 1 < maxText && SPACE.test(source[q]!)) q++;
      const end = source[q] === "]" && source[q + 1] === "(" ? urlEnd(q + 2) : -1;
      if (end < 0) {
        i = p + 1;
        continue;
      }
      const start = syntax.image === true ? p - 1 : p;
      out += source.slice(copied, start) + replace(source.slice(p + 1, q), source.slice(q + 2, end));
      copied = i = end + 1;
      continue;
    }
    // One scan from p to the stop q; later openers before q share it. `tokens` counts the text's
    // units (an escape pair is one), `marks` where each opener's text starts in that count.
    const openers: Array<{ at: number; tokens: number }> = [{ at: p, tokens: 0 }];
    let tokens = 0;
    let q = p + 1;
    for (;;) {
      const c = source[q];
      if (c === undefined || c === "]") break;
      if (!syntax.multiline && c === "\n") break;
      if (syntax.escapes && c === "\\") {
        const next = source[q + 1];
        if (next === undefined || LINE_TERMINATOR.test(next)) break;
        tokens++;
        q += 2;
        if (next === "[" && isOpener(q - 1)) openers.push({ at: q - 1, tokens });
        continue;
      }
      tokens++;
      q++;
      if (c === "[" && isOpener(q - 1)) openers.push({ at: q - 1, tokens });
    }
    const end = source[q] === "]" && source[q + 1] === "(" ? urlEnd(q + 2) : -1;
    const opener = end < 0 ? undefined : openers.find((o) => tokens - o.tokens <= maxText);
    if (!opener) {
      i = q > p ? q : p + 1;
      continue;
    }
    const start = syntax.image === true ? opener.at - 1 : opener.at;
    out += source.slice(copied, start) + replace(source.slice(opener.at + 1, q), source.slice(q + 2, end));
    copied = i = end + 1;
  }
  return copied === 0 ? source : out + source.slice(copied);
}

/**
 * For increasing positions, the first `)` (or whitespace, when URLs may not hold it) at or after
 * each: one cached answer serves every position up to it, so the scans never overlap.
 */
function urlStopFinder(source: string, noSpace: boolean): (from: number) => number {
  let from = -1;
  let stop = -1;
  return (at) => {
    if (at >= from && at <= stop) return stop;
    let k = at;
    while (k < source.length) {
      const c = source[k]!;
      if (c === ")" || (noSpace && SPACE.test(c))) break;
      k++;
    }
    from = at;
    stop = k;
    return stop;
  };
}

/**
 * Positions of the `[` characters that start a link: each one followed, within `maxText`
 * characters and before any `]` or newline, by `](`. (The escape rule of escape.ts.)
 *
 * @example linkOpeners("[a](b) [c]") // [0]
 */
export function linkOpeners(source: string, maxText: number): number[] {
  const found: number[] = [];
  let i = source.indexOf("[");
  while (i >= 0) {
    let q = i + 1;
    while (q < source.length && source[q] !== "]" && source[q] !== "\n") q++;
    const linked = source[q] === "]" && source[q + 1] === "(";
    // Every "[" between i and q ends at the same q.
    for (let k = i; k < q; k = source.indexOf("[", k + 1)) {
      if (k < 0) break;
      if (linked && q - k - 1 <= maxText) found.push(k);
    }
    i = source.indexOf("[", q);
  }
  return found;
}
