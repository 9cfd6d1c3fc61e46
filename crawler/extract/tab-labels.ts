/**
 * Tab widgets: the tab strip is UI (removed as noise) but its labels say what each panel is
 * ("Python", "JavaScript"). Each panel gets its tab's label as a bold first line before the strip
 * goes, so the kept panels stay understandable.
 */
import { textOf } from "./dom-utils.js";

/**
 * Prepends each tab panel's label (`<p><strong>Label</strong></p>`) inside the panel.
 *
 * @example labelTabPanels(document) // <div role="tabpanel"><p><strong>Python</strong></p>…
 */
export function labelTabPanels(doc: Document): void {
  for (const tablist of doc.querySelectorAll("[role=tablist]")) {
    const tabs = [...tablist.querySelectorAll("[role=tab]")];
    const container = tablist.parentElement;
    if (tabs.length === 0 || !container) continue;
    const panels = [...container.querySelectorAll("[role=tabpanel]")].filter(
      (p) =>
        p.parentElement?.closest("[role=tabpanel]") === null ||
        !container.contains(p.parentElement?.closest("[role=tabpanel]") ?? null),
    );
    tabs.forEach((tab, index) => {
      const ids = (tab.getAttribute("aria-controls") ?? "").split(/\s+/).filter(Boolean);
      const byId = ids.length > 0 ? panels.find((p) => ids.includes(p.getAttribute("id") ?? "")) : undefined;
      const panel = byId ?? (panels.length === tabs.length ? panels[index] : undefined);
      const label = textOf(tab);
      if (!panel || !label || label.length > 60 || panel.hasAttribute("data-aw-labelled")) return;
      const p = doc.createElement("p");
      const strong = doc.createElement("strong");
      strong.textContent = label;
      p.appendChild(strong);
      panel.insertBefore(p, panel.firstChild);
      panel.setAttribute("data-aw-labelled", "");
    });
  }
}
