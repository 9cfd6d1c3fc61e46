/** Small DOM helpers shared by the extraction steps; they work on linkedom and jsdom alike. */
import { collapseSpace } from "./text-hygiene.js";

/**
 * Text of a node as a reader perceives it (whitespace collapsed).
 *
 * @example textOf(document.querySelector("p")!) // "Hello world"
 */
export function textOf(node: Node | null | undefined): string {
  return node ? collapseSpace(node.textContent ?? "") : "";
}

/**
 * A short selector-like description of an element for removal reports: `tag#id.class1.class2`.
 *
 * @example describe(navElement) // "nav#sidebar.menu"
 */
export function describe(el: Element): string {
  const id = el.getAttribute("id");
  const classes = (el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean).slice(0, 2);
  const out = `${el.tagName.toLowerCase()}${id ? `#${id}` : ""}${classes.map((c) => `.${c}`).join("")}`;
  return out.length > 60 ? `${out.slice(0, 57)}...` : out;
}

/**
 * A description with a quoted text snippet, for rules that match on words ("Edit this page").
 *
 * @example describeWithText(a) // 'a "Edit this page"'
 */
export function describeWithText(el: Element): string {
  const text = textOf(el);
  return `${el.tagName.toLowerCase()} "${text.length > 40 ? `${text.slice(0, 37)}...` : text}"`;
}

/**
 * The element's id and class tokens (what class/id-based rules match against).
 *
 * @example tokensOf(div) // ["main-nav", "sidebar", "open"]
 */
export function tokensOf(el: Element): string[] {
  const id = el.getAttribute("id");
  const cls = (el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean);
  return id ? [id, ...cls] : cls;
}

/**
 * True when `node` is no longer under `root` (an ancestor was removed earlier in a pass).
 *
 * @example isDetached(child, document.body) // true after child.parentNode.remove()
 */
export function isDetached(node: Node, root: Node): boolean {
  let cur: Node | null = node;
  while (cur) {
    if (cur === root) return false;
    cur = cur.parentNode;
  }
  return true;
}

/**
 * True when some ancestor of `el` (not `el` itself) matches `test`.
 *
 * @example hasAncestor(a, (p) => p.tagName === "NAV")
 */
export function hasAncestor(el: Element, test: (ancestor: Element) => boolean): boolean {
  let cur = el.parentElement;
  while (cur) {
    if (test(cur)) return true;
    cur = cur.parentElement;
  }
  return false;
}

/**
 * Lower-case tag name (linkedom and jsdom disagree on case for created elements).
 *
 * @example tagOf(document.body) // "body"
 */
export function tagOf(el: Element): string {
  return el.tagName.toLowerCase();
}
