/**
 * Pages whose whole content is their `<noscript>` fallback. Some applications (Discourse forums
 * among them) render a page's content server-side only inside `<noscript>`, for readers and
 * crawlers without JavaScript, and build the visible page with scripts. The hidden-content guard
 * drops every `<noscript>` (usually a "please enable JavaScript" line or a lazy image), which left
 * such pages empty and flagged as needing a browser. When one `<noscript>` holds real text
 * (paragraphs, headings, lists) and more of it than the rest of the page shows, it is the page: it
 * is unwrapped in place and the rest of the pipeline treats it as content.
 */
import { describe, hasAncestor, tagOf, textOf } from "./dom-utils.js";
import type { RemovalLog } from "./removal-log.js";

/** Less text than this in a fallback is a notice or an image, not a page. */
const MIN_FALLBACK_CHARS = 500;
const BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, article, main, table, pre";

/**
 * Unwraps the `<noscript>` that carries the page's content, if one does; run before the
 * hidden-content guard.
 *
 * @example unwrapContentNoscript(document, log) // true on a Discourse topic page
 */
export function unwrapContentNoscript(doc: Document, log: RemovalLog): boolean {
  const body = doc.body;
  if (!body) return false;
  const fallbacks = [...body.querySelectorAll("noscript")].filter(
    (n) => !hasAncestor(n, (a) => tagOf(a) === "noscript"),
  );
  if (fallbacks.length === 0) return false;
  let best: { el: Element; chars: number } | undefined;
  let fallbackChars = 0;
  for (const el of fallbacks) {
    const chars = textOf(el).length;
    fallbackChars += chars;
    if (!best || chars > best.chars) best = { el, chars };
  }
  if (!best || best.chars < MIN_FALLBACK_CHARS || !best.el.querySelector(BLOCKS)) return false;
  let codeChars = 0;
  for (const el of body.querySelectorAll("script, style, template"))
    if (!hasAncestor(el, (a) => tagOf(a) === "noscript")) codeChars += textOf(el).length;
  const shownChars = textOf(body).length - fallbackChars - codeChars;
  if (best.chars <= shownChars) return false;
  const { el } = best;
  while (el.firstChild) el.parentNode?.insertBefore(el.firstChild, el);
  el.remove();
  log.add("kept:noscript-content", describe(el), best.chars);
  return true;
}
