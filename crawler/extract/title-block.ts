/**
 * A page title set in a styled block instead of a heading (`<div class="fancy_title">`,
 * `<p class="page-title">`, older CMS themes): rendered as a plain paragraph it loses its role, and
 * the markdown has no `#` heading. Such a block is promoted to the page's h1 when everything
 * points to it being the title: a class/id says "title", its text is the document `<title>` (or
 * the start of it, before a shorter site suffix), it holds only inline text, no heading or real
 * paragraph comes before it, and the content has no h1 of its own.
 */
import { headingAnchor } from "../markdown/heading-anchor.js";
import { tagOf, textOf, tokensOf } from "./dom-utils.js";

/** A class/id token naming a title ("title", "page-title", "fancy_title", "entryTitle"). */
const TITLE_TOKEN = /(^|[-_])title($|[-_])|^[a-z]+Title$/;
/** Tokens of titles that are not the page's (the site's name, a widget's or a card's title). */
const OTHER_TITLE =
  /site|brand|logo|blog|header|nav|menu|widget|sidebar|card|modal|dialog|admonition|alert|callout|sub-?title|section|table|figure|example/i;
/** Block content a title line never holds. */
const BLOCKS = "h1, h2, h3, h4, h5, h6, p, div, ul, ol, dl, table, pre, blockquote, img, svg";
/** A paragraph this long before the candidate means the main text has begun. */
const PROSE_CHARS = 80;

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

function isTitleBlock(el: Element, wanted: string): boolean {
  const tokens = tokensOf(el);
  if (!tokens.some((t) => TITLE_TOKEN.test(t)) || tokens.some((t) => OTHER_TITLE.test(t))) return false;
  if (el.querySelector(BLOCKS) || el.closest("a, header, nav, footer, aside, [role=banner]")) return false;
  const text = norm(textOf(el));
  if (!text || text.length > 200) return false;
  if (text === wanted) return true;
  // "Install | Example Docs": the block is the part before the site suffix, which is shorter.
  return wanted.startsWith(`${text} `) && wanted.length - text.length - 1 < text.length;
}

/**
 * Renames the page's title block to an `<h1>` in place and returns it (undefined when there is
 * none or the content already has an h1). `scope` is the main region when one is declared.
 *
 * @example
 * promoteTitleBlock(document.body, "DROP TABLE");
 * // <div class="fancy_title">DROP TABLE</div> → <h1 class="fancy_title">DROP TABLE</h1>
 */
export function promoteTitleBlock(scope: Element, title: string): Element | undefined {
  const wanted = norm(title);
  if (!wanted || scope.querySelector("h1")) return undefined;
  for (const el of scope.querySelectorAll("h2, h3, h4, h5, h6, p, div, span, section, td")) {
    const tag = tagOf(el);
    // A heading before it: the content starts with its own headings (titleHeading's business).
    if (/^h[2-6]$/.test(tag)) return undefined;
    if (isTitleBlock(el, wanted)) return renameToH1(el);
    if (tag === "p" && textOf(el).length >= PROSE_CHARS) return undefined;
  }
  return undefined;
}

function renameToH1(el: Element): Element {
  const h1 = el.ownerDocument.createElement("h1");
  for (const attr of ["id", "class", "lang", "dir"]) {
    const value = el.getAttribute(attr);
    if (value !== null) h1.setAttribute(attr, value);
  }
  while (el.firstChild) h1.appendChild(el.firstChild);
  el.replaceWith(h1);
  // As annotate.ts does for real headings: Readability renames h1 to h2 and strips ids.
  h1.setAttribute("data-aw-level", "1");
  const anchor = headingAnchor(h1);
  if (anchor) h1.setAttribute("data-aw-anchor", anchor);
  return h1;
}
