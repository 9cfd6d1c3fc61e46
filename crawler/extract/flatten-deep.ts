/**
 * Pathological nesting guard. Real pages nest a few dozen elements deep; broken or hostile markup
 * can nest tens of thousands, where ancestor walks in the noise rules, link regions and turndown
 * (O(depth) per element) take quadratic time and jsdom's recursive teardown overflows the stack. Below MAX_DEPTH every subtree is replaced
 * by its text, so all later steps work on a tree of bounded depth and the words are kept.
 */
import type { RemovalLog } from "./removal-log.js";

/** Deeper than any real page (Readability itself is skipped past 200, see main-content.ts). */
export const MAX_DEPTH = 256;

/**
 * Flattens every element at depth MAX_DEPTH into a single text node; returns how many were flattened.
 *
 * @example flattenDeepNesting(document.body, log) // 1 for 1,000 nested divs
 */
export function flattenDeepNesting(root: Element, log: RemovalLog): number {
  let flattened = 0;
  const stack: Array<[Element, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (depth >= MAX_DEPTH) {
      if (el.firstElementChild) {
        const text = el.textContent ?? "";
        el.textContent = text;
        flattened++;
        log.add("limit:deep-nesting-flattened", el.tagName.toLowerCase(), 0);
      }
      continue;
    }
    for (let child = el.firstElementChild; child; child = child.nextElementSibling)
      stack.push([child, depth + 1]);
  }
  return flattened;
}
