/** Where a heading can be linked to: the `anchor` of Page.headings and of chunk citations. */

const HEADINGS = "h1, h2, h3, h4, h5, h6";

/**
 * A heading's anchor: its own id, else an id/name on an `<a>` inside it (DocBook style), else the
 * id of the nearest ancestor whose first heading it is (Sphinx `<section id>`); an ancestor id that
 * belongs to an earlier heading (a page wrapper like `#content`) does not count.
 *
 * @example headingAnchor(<section id="install"><h2>Install</h2></section> h2) // "install"
 */
export function headingAnchor(h: Element): string | undefined {
  const annotated = h.getAttribute("data-aw-anchor");
  if (annotated) return annotated;
  const own = h.getAttribute("id");
  if (own) return own;
  const inner = h.querySelector("a[id], a[name]");
  const innerId = inner?.getAttribute("id") || inner?.getAttribute("name");
  if (innerId) return innerId;
  for (let cur = h.parentElement; cur && cur.tagName.toLowerCase() !== "body"; cur = cur.parentElement) {
    const id = cur.getAttribute("id");
    if (id) return cur.querySelector(HEADINGS) === h ? id : undefined;
  }
  return undefined;
}
