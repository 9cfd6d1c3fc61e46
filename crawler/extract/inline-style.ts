/**
 * Reads an inline `style` attribute and says whether it hides the element from a sighted reader.
 * Only inline styles and the page's own simple class rules are considered: a real cascade would
 * need a browser, and the point is to catch text deliberately hidden from humans.
 */

/**
 * Parses `a: b; c: d` into a map (lower-case names, `!important` dropped, last one wins).
 *
 * @example parseInlineStyle("Display: NONE !important") // Map { "display" => "none" }
 */
export function parseInlineStyle(style: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const decl of style.split(";")) {
    const colon = decl.indexOf(":");
    if (colon < 0) continue;
    const name = decl.slice(0, colon).trim().toLowerCase();
    const value = decl
      .slice(colon + 1)
      .replace(/!\s*important/i, "")
      .trim()
      .toLowerCase();
    if (name) map.set(name, value);
  }
  return map;
}

const ZERO = /^-?0+(\.0+)?(px|em|rem|pt|%|vw|vh|ex|ch)?$/;

function pxValue(value: string | undefined): number | undefined {
  const m = value ? /^(-?\d+(?:\.\d+)?)(px|em|rem|pt)?$/.exec(value) : null;
  if (!m) return undefined;
  const n = Number(m[1]);
  // Rough conversion: em/rem at 16px is enough to tell -9999em from -1em.
  return m[2] === "em" || m[2] === "rem" ? n * 16 : n;
}

/**
 * Why an inline style hides its element (a `hidden:*` reason), or undefined when it does not.
 *
 * @example hiddenByInlineStyle("position:absolute;left:-9999px") // "hidden:off-screen"
 */
export function hiddenByInlineStyle(style: string): string | undefined {
  const s = parseInlineStyle(style);
  if (s.get("display") === "none") return "hidden:display-none";
  const visibility = s.get("visibility");
  if (visibility === "hidden" || visibility === "collapse") return "hidden:visibility-hidden";
  const opacity = s.get("opacity");
  if (opacity !== undefined && /^0*(\.0+)?%?$/.test(opacity) && opacity !== "") return "hidden:opacity-zero";
  const fontSize = s.get("font-size");
  if (fontSize !== undefined && ZERO.test(fontSize)) return "hidden:zero-font-size";
  const overflow = s.get("overflow") ?? s.get("overflow-x") ?? s.get("overflow-y");
  if (overflow === "hidden" || overflow === "clip") {
    const dims = ["width", "height", "max-width", "max-height"].map((n) => s.get(n));
    if (dims.some((d) => d !== undefined && ZERO.test(d))) return "hidden:zero-size";
  }
  const position = s.get("position");
  if (position && position !== "static") {
    for (const side of ["left", "top", "right"]) {
      const px = pxValue(s.get(side));
      if (px !== undefined && px <= -1000) return "hidden:off-screen";
    }
  }
  const indent = pxValue(s.get("text-indent"));
  if (indent !== undefined && indent <= -1000) return "hidden:off-screen";
  return undefined;
}
