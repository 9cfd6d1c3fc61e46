/**
 * Classes and ids that the page's own `<style>` blocks hide unconditionally (`.x { display: none }`).
 * Only simple `.class` / `#id` selectors at the top level count; a class that another rule shows
 * again (`.tab-pane.active { display: block }`, rules inside `@media`) is left alone because some
 * state of the page reveals it.
 */

export interface CssHidden {
  classes: Set<string>;
  ids: Set<string>;
}

interface CssRule {
  selectors: string[];
  body: string;
  conditional: boolean;
}

function parseRules(css: string, conditional: boolean, out: CssRule[]): void {
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf("{", i);
    if (open < 0) return;
    const prelude = css.slice(i, open).trim();
    // Find the matching close brace.
    let depth = 1;
    let j = open + 1;
    while (j < css.length && depth > 0) {
      const ch = css[j];
      if (ch === "{") depth++;
      else if (ch === "}") depth--;
      j++;
    }
    const body = css.slice(open + 1, j - 1);
    if (prelude.startsWith("@")) {
      if (/^@(media|supports|layer|container|document)/i.test(prelude)) parseRules(body, true, out);
    } else {
      out.push({ selectors: prelude.split(",").map((s) => s.trim()), body, conditional });
    }
    i = j;
  }
}

/**
 * Collects the unconditionally hidden classes and ids from CSS text.
 *
 * @example hiddenFromCss(".hide{display:none}").classes.has("hide") // true
 */
export function hiddenFromCss(css: string): CssHidden {
  const rules: CssRule[] = [];
  parseRules(css.replace(/\/\*[\s\S]*?\*\//g, ""), false, rules);
  const hidden: CssHidden = { classes: new Set(), ids: new Set() };
  const shown: CssHidden = { classes: new Set(), ids: new Set() };
  for (const rule of rules) {
    const body = rule.body.toLowerCase();
    const hides =
      /(^|[;\s{])display\s*:\s*none/.test(body) || /visibility\s*:\s*(hidden|collapse)/.test(body);
    const shows =
      /(^|[;\s{])display\s*:\s*(?!none)[a-z-]+/.test(body) || /visibility\s*:\s*visible/.test(body);
    for (const selector of rule.selectors) {
      const simple = /^([.#])([\w-]+)$/.exec(selector);
      if (hides && simple && !rule.conditional) {
        (simple[1] === "." ? hidden.classes : hidden.ids).add(simple[2]!);
      } else if (shows || (hides && rule.conditional)) {
        for (const m of selector.matchAll(/([.#])([\w-]+)/g))
          (m[1] === "." ? shown.classes : shown.ids).add(m[2]!);
      }
    }
  }
  for (const c of shown.classes) hidden.classes.delete(c);
  for (const id of shown.ids) hidden.ids.delete(id);
  return hidden;
}

/**
 * The hidden classes and ids declared by every `<style>` element of a document.
 *
 * @example hiddenFromStyleElements(document).classes // Set { "visually-gone" }
 */
export function hiddenFromStyleElements(doc: Document): CssHidden {
  const css = [...doc.querySelectorAll("style")].map((s) => s.textContent ?? "").join("\n");
  return css ? hiddenFromCss(css) : { classes: new Set(), ids: new Set() };
}
