/**
 * Breadcrumb headings: a heading that only links to the parent page, right above the page's own
 * title heading (SQLite's "SQLite C Interface" over each C API page). Chrome, not content.
 */
import { textOf } from "./dom-utils.js";

export const HEADINGS = "h1, h2, h3, h4, h5, h6";
const normText = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
/** Each heading's next heading in document order, built once per pass (before any removal). */
const nextHeadings = new WeakMap<object, Map<Element, Element | undefined>>();

function nextHeading(h: Element, pass: object): Element | undefined {
  let next = nextHeadings.get(pass);
  if (!next) {
    const list = [...h.ownerDocument.querySelectorAll(HEADINGS)];
    next = new Map(list.map((el, i) => [el, list[i + 1]]));
    nextHeadings.set(pass, next);
  }
  return next.get(h);
}

/**
 * A heading that is only a link to another page, right above the page's title heading (the next
 * heading, which the document `<title>` contains): the parent section, a one-step breadcrumb.
 * `pass` is any object that lives for one noise pass (the headings' order is read once per pass,
 * before anything is removed).
 *
 * @example isBreadcrumbHeading(h2, ctx) // true for <h2><a href="intro.html">SQLite C Interface</a></h2> above the title
 */
export function isBreadcrumbHeading(h: Element, pass: object): boolean {
  const text = normText(textOf(h));
  if (!text) return false;
  let link = h.closest("a[href]");
  if (link && normText(textOf(link)) !== text) return false;
  if (!link) {
    const inner = h.querySelectorAll("a[href]");
    link = inner.length === 1 && normText(textOf(inner[0]!)) === text ? inner[0]! : null;
  }
  if (!link || (link.getAttribute("href") ?? "").trim().startsWith("#")) return false;
  const title = normText(h.ownerDocument.querySelector("title")?.textContent ?? "");
  const next = nextHeading(h, pass);
  const nextText = next ? normText(textOf(next)) : "";
  return nextText.length > 0 && nextText !== text && text !== title && title.includes(nextText);
}
