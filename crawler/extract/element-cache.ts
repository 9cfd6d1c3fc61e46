/**
 * Per-pass memo of an element's text and class/id tokens. A pass that tests many rules against
 * the same elements reads each one's text (a full subtree walk) many times; inside
 * `withElementCache` the first read is kept. Only for passes that do not change the tree while
 * they read it.
 */
import { textOf, tokensOf } from "./dom-utils.js";

interface ElementCache {
  text: Map<Node, string>;
  tokens: Map<Element, string[]>;
}

let active: ElementCache | undefined;

/**
 * Runs `pass` with the memo on; it is dropped when `pass` returns or throws.
 *
 * @example withElementCache(() => rules.filter((r) => r.test(el)))
 */
export function withElementCache<T>(pass: () => T): T {
  const outer = active;
  active = { text: new Map(), tokens: new Map() };
  try {
    return pass();
  } finally {
    active = outer;
  }
}

/** textOf, memoized inside withElementCache. */
export function cachedTextOf(node: Node | null | undefined): string {
  if (!active || !node) return textOf(node);
  let text = active.text.get(node);
  if (text === undefined) {
    text = textOf(node);
    active.text.set(node, text);
  }
  return text;
}

/** tokensOf, memoized inside withElementCache (callers must not change the array). */
export function cachedTokensOf(el: Element): string[] {
  if (!active) return tokensOf(el);
  let tokens = active.tokens.get(el);
  if (tokens === undefined) {
    tokens = tokensOf(el);
    active.tokens.set(el, tokens);
  }
  return tokens;
}
