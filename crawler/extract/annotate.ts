/**
 * Records, as `data-aw-*` attributes, what Readability would otherwise destroy: real heading levels
 * (it renames h1 to h2), heading anchors (ids), code languages and admonition kinds (it strips
 * classes). The markdown rules read these attributes first.
 */
import { admonitionKind, admonitionTitle } from "../markdown/admonition.js";
import { codeLanguage } from "../markdown/code-language.js";
import { headingAnchor } from "../markdown/heading-anchor.js";
import { tagOf } from "./dom-utils.js";

const HEADINGS = "h1, h2, h3, h4, h5, h6";

/**
 * Annotates headings, code blocks and admonitions under `root`.
 *
 * @example annotate(document.body) // <h1 data-aw-level="1" data-aw-anchor="intro">
 */
export function annotate(root: Element): void {
  for (const h of root.querySelectorAll(HEADINGS)) {
    h.setAttribute("data-aw-level", tagOf(h).slice(1));
    const anchor = headingAnchor(h);
    if (anchor) h.setAttribute("data-aw-anchor", anchor);
  }
  for (const pre of root.querySelectorAll("pre")) pre.setAttribute("data-aw-lang", codeLanguage(pre));
  for (const el of root.querySelectorAll("div, aside, section, blockquote")) {
    const kind = admonitionKind(el);
    if (!kind) continue;
    el.setAttribute("data-aw-admonition", kind);
    admonitionTitle(el)?.setAttribute("data-aw-admonition-title", "");
  }
}
