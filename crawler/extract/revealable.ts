/**
 * Hidden is not the same as malicious: an inactive tab panel, a collapsed `<details>` body or an
 * accordion body is real content that a control on the page reveals (a tabbed code sample's other
 * languages). Those are kept; only text no control can reveal is stripped.
 */
import { tagOf } from "./dom-utils.js";

export interface RevealContext {
  /** ids named by `aria-controls` of a control a reader can operate. */
  controlledIds: Set<string>;
  /** True when the page has tab controls at all (a bare `role=tabpanel` is not enough). */
  hasTabs: boolean;
}

const CONTROL_SELECTOR =
  "button[aria-controls], summary[aria-controls], [role=button][aria-controls], [role=tab][aria-controls], [aria-expanded][aria-controls], a[aria-controls]";

/**
 * Gathers the controls of a document once per page.
 *
 * @example revealContext(document).controlledIds.has("panel-2") // true
 */
export function revealContext(doc: Document): RevealContext {
  const controlledIds = new Set<string>();
  for (const el of doc.querySelectorAll(CONTROL_SELECTOR)) {
    for (const id of (el.getAttribute("aria-controls") ?? "").split(/\s+/)) if (id) controlledIds.add(id);
  }
  const hasTabs = doc.querySelector("[role=tab], [role=tablist]") !== null;
  return { controlledIds, hasTabs };
}

/**
 * True when a hidden element can be revealed by a control on the page.
 *
 * @example isRevealable(inactiveTabPanel, ctx) // true
 */
export function isRevealable(el: Element, ctx: RevealContext): boolean {
  const id = el.getAttribute("id");
  if (id && ctx.controlledIds.has(id)) return true;
  const parent = el.parentElement;
  // The body of a collapsed <details> (not a hidden <details> itself: nothing can open that).
  if (parent && tagOf(parent) === "details" && tagOf(el) !== "summary") return true;
  if (!ctx.hasTabs) return false;
  if (el.getAttribute("role") === "tabpanel") return true;
  // A panel without ARIA roles next to a tab strip: the strip is a child or grandchild of the
  // panel's parent or grandparent (a tab widget), never just somewhere in the same article.
  let cur: Element | null = parent;
  for (let depth = 0; cur && depth < 2; depth++, cur = cur.parentElement) {
    if (/^(body|main|article)$/.test(tagOf(cur))) break;
    for (const child of cur.children) {
      if (child === el || child.contains(el)) continue;
      if (child.getAttribute("role") === "tablist") return true;
      for (const grandchild of child.children) if (grandchild.getAttribute("role") === "tablist") return true;
    }
  }
  return false;
}

/**
 * Removes what hides a revealable element so that later steps (Readability drops invisible nodes)
 * treat it as the visible content it can become.
 *
 * @example reveal(panel) // panel.hasAttribute("hidden") === false
 */
export function reveal(el: Element): void {
  el.removeAttribute("hidden");
  el.removeAttribute("aria-hidden");
  const style = el.getAttribute("style");
  if (style) {
    el.setAttribute(
      "style",
      style.replace(
        /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*(hidden|collapse)|opacity\s*:\s*0)[^;]*/gi,
        "$1",
      ),
    );
  }
  el.setAttribute("data-aw-revealed", "");
}
