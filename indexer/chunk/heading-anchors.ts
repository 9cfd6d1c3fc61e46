/**
 * Pairs the markdown's headings with `page.headings` (extracted from the HTML, where the ids live).
 * Both lists are in document order, but either may hold headings the other lacks (Readability drops
 * an h1 equal to the title; a cleaner may drop a heading-only section), so matching walks forward
 * with a bounded look-ahead instead of pairing by index.
 */
import type { Heading } from "../../schemas/page.js";
import { headingExplicitId, headingKey } from "./heading-text.js";

/** How far ahead in page.headings a match is searched; bounds the cost on mismatched lists. */
const LOOKAHEAD = 50;

export interface MarkdownHeading {
  level: number;
  /** Raw heading content as written in the markdown. */
  title: string;
}

/**
 * For each markdown heading, the anchor of its matching page heading (same text key, preferring the
 * same level; Readability shifts levels), else its explicit `{#id}`, else undefined.
 *
 * @example
 * matchHeadingAnchors([{ level: 2, title: "Retries" }], [{ level: 2, text: "Retries¶", anchor: "retries" }])
 * // ["retries"]
 */
export function matchHeadingAnchors(
  headings: readonly MarkdownHeading[],
  pageHeadings: readonly Heading[],
): (string | undefined)[] {
  const pageKeys = pageHeadings.map((h) => headingKey(h.text));
  let cursor = 0;
  return headings.map((heading) => {
    const key = headingKey(heading.title);
    const limit = Math.min(pageHeadings.length, cursor + LOOKAHEAD);
    let found = -1;
    for (let i = cursor; i < limit && found < 0; i++) {
      if (pageKeys[i] === key && pageHeadings[i]?.level === heading.level) found = i;
    }
    for (let i = cursor; i < limit && found < 0; i++) {
      if (pageKeys[i] === key) found = i;
    }
    if (found < 0) return headingExplicitId(heading.title);
    cursor = found + 1;
    const anchor = pageHeadings[found]?.anchor;
    return anchor !== undefined && anchor.length > 0 ? anchor : headingExplicitId(heading.title);
  });
}
