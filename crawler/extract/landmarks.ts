/**
 * Page regions: where the main content lives and which containers are navigation chrome. Used by
 * the link collector (region of each link), the noise rules (page-level header/footer) and the
 * main-content choice.
 */
import { admonitionKind } from "../markdown/admonition.js";
import { hasAncestor, tagOf, textOf, tokensOf } from "./dom-utils.js";

/**
 * True for `main`, `article` and `[role=main]`: containers whose header/footer belong to the content.
 *
 * @example isContentLandmark(document.querySelector("main")!) // true
 */
export function isContentLandmark(el: Element): boolean {
  const tag = tagOf(el);
  return tag === "main" || tag === "article" || el.getAttribute("role") === "main";
}

/**
 * True when `el` is not inside `main`/`article`/`[role=main]` (a page-level header or footer).
 *
 * @example isPageLevel(document.querySelector("body > footer")!) // true
 */
export function isPageLevel(el: Element): boolean {
  return !hasAncestor(el, isContentLandmark);
}

const NAV_TOKENS = /breadcrumb|sidebar|sidenav|side-nav|(^|[-_])toc($|[-_])|table-of-contents|on-this-page/i;

/**
 * True when `el` itself is a navigation container: nav, aside (not an admonition), breadcrumbs,
 * sidebars, tables of contents, or a page-level header/footer.
 *
 * @example isNavContainer(document.querySelector("nav")!) // true
 */
export function isNavContainer(el: Element): boolean {
  const tag = tagOf(el);
  const role = el.getAttribute("role");
  if (tag === "nav" || role === "navigation") return true;
  if ((tag === "aside" || role === "complementary") && !admonitionKind(el)) return true;
  if (
    (tag === "header" || tag === "footer" || role === "banner" || role === "contentinfo") &&
    isPageLevel(el)
  ) {
    return true;
  }
  const label = el.getAttribute("aria-label") ?? "";
  if (/breadcrumb/i.test(label)) return true;
  return tokensOf(el).some((t) => NAV_TOKENS.test(t));
}

function largest(elements: Element[]): { el: Element; chars: number } | undefined {
  let best: { el: Element; chars: number } | undefined;
  for (const el of elements) {
    const chars = textOf(el).length;
    if (!best || chars > best.chars) best = { el, chars };
  }
  return best;
}

/**
 * The page's declared main region: the largest `main`/`[role=main]`, else the dominant `article`;
 * narrowed to an `article` inside it that holds most of its text (news pages wrap one article in a
 * `main` full of teasers). Null when the page declares none or it is empty.
 *
 * @example findMainRegion(document)?.tagName // "MAIN"
 */
export function findMainRegion(doc: Document): Element | null {
  const body = doc.body;
  if (!body) return null;
  let region = largest([...body.querySelectorAll("main, [role=main]")]);
  if (!region) {
    const articles = [...body.querySelectorAll("article")];
    const best = largest(articles);
    const total = articles.reduce(
      (sum, a) => sum + (hasAncestor(a, (p) => tagOf(p) === "article") ? 0 : textOf(a).length),
      0,
    );
    if (best && best.chars >= 0.5 * total) region = best;
  }
  if (!region || region.chars === 0) return null;
  const inner = largest([...region.el.querySelectorAll("article")]);
  if (inner && inner.chars >= 0.5 * region.chars) return inner.el;
  return region.el;
}
