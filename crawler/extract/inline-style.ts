/**
 * Reads CSS declarations (an inline `style` attribute, or those the page's own class rules give an
 * element) and says whether they hide the element's box from a sighted reader. Only inline styles
 * and the page's simple rules are considered: a real cascade would need a browser, and the point
 * is to catch text deliberately hidden from humans. Text hidden by its paint (zero font size,
 * transparent or same-colour text) is inherited by descendants and is read by text-paint.ts.
 */
import { clipPathIsEmpty, clipRectIsEmpty, OFF_SCREEN_PX, pxValue, transformEffect } from "./css-geometry.js";

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

/** A visible box no bigger than this (with its overflow cut) shows no readable text. */
const TINY_PX = 1;

/** Below this a box's content cannot be seen. */
const MIN_OPACITY = 0.05;

function opacityOf(value: string | undefined): number | undefined {
  const m = value ? /^(\d*\.?\d+)(%?)$/.exec(value) : null;
  return m ? Number(m[1]) / (m[2] ? 100 : 1) : undefined;
}

/**
 * Declarations that animate or offset a box: a transparent one is the first frame of an entrance
 * (fade in while sliding up), which the page plays as soon as it loads.
 */
function isAnimated(s: ReadonlyMap<string, string>): boolean {
  for (const [name, value] of s) {
    if (!/^(transition|animation|will-change|transform$)/.test(name)) continue;
    if (!/^(none|auto|initial|unset|0s?)$/.test(value)) return true;
  }
  return false;
}

function isTransparent(s: ReadonlyMap<string, string>, strict: boolean): boolean {
  const opacity = opacityOf(s.get("opacity"));
  if (opacity === undefined || opacity >= MIN_OPACITY) return false;
  // Site builders fade content in from `opacity: 0.001` or an animated class; a plain inline
  // `opacity: 0` is hidden whatever else the style says.
  return (strict && opacity === 0) || !isAnimated(s);
}

function isTiny(value: string | undefined): boolean {
  if (value !== undefined && /^-?0*\.?0+(%|[a-z]+)?$/.test(value)) return true;
  const px = pxValue(value);
  return px !== undefined && px <= TINY_PX;
}

function isOffScreen(s: ReadonlyMap<string, string>): boolean {
  const position = s.get("position");
  if (position && position !== "static") {
    for (const side of ["left", "top", "right", "bottom"]) {
      const px = pxValue(s.get(side));
      if (px !== undefined && px <= OFF_SCREEN_PX) return true;
    }
  }
  for (const name of ["text-indent", "margin-left", "margin-top"]) {
    const px = pxValue(s.get(name));
    if (px !== undefined && px <= OFF_SCREEN_PX) return true;
  }
  const translate = s.get("translate");
  if (translate?.split(/\s+/).some((t) => (pxValue(t) ?? 0) <= OFF_SCREEN_PX)) return true;
  return false;
}

function isClipped(s: ReadonlyMap<string, string>): boolean {
  const clip = s.get("clip");
  // `clip` only applies to absolutely positioned boxes; elsewhere the text stays visible.
  if (clip && /^(absolute|fixed)$/.test(s.get("position") ?? "") && clipRectIsEmpty(clip)) return true;
  const path = s.get("clip-path") ?? s.get("-webkit-clip-path");
  return path !== undefined && clipPathIsEmpty(path);
}

/**
 * Why declarations hide an element's box (a `hidden:*` reason), or undefined when they do not.
 * `source` says where they come from: an inline `opacity: 0` counts even when animated.
 *
 * @example hiddenByStyle(parseInlineStyle("position:absolute;left:-9999px")) // "hidden:off-screen"
 */
export function hiddenByStyle(
  decls: ReadonlyMap<string, string>,
  source: "inline" | "rules" = "inline",
): string | undefined {
  if (decls.get("display") === "none") return "hidden:display-none";
  const visibility = decls.get("visibility");
  if (visibility === "hidden" || visibility === "collapse") return "hidden:visibility-hidden";
  if (isTransparent(decls, source === "inline")) return "hidden:opacity-zero";
  if (isClipped(decls)) return "hidden:clipped";
  const overflow = decls.get("overflow") ?? decls.get("overflow-x") ?? decls.get("overflow-y");
  if (overflow === "hidden" || overflow === "clip") {
    if (["width", "height", "max-width", "max-height"].some((n) => isTiny(decls.get(n))))
      return "hidden:zero-size";
  }
  const transform = decls.get("transform");
  const effect = transform ? transformEffect(transform) : undefined;
  if (effect === "zero-scale") return "hidden:scaled-to-zero";
  const scale = decls.get("scale");
  if (scale?.split(/\s+/).some((n) => /^0*\.?0+%?$/.test(n))) return "hidden:scaled-to-zero";
  if (effect === "off-screen" || isOffScreen(decls)) return "hidden:off-screen";
  return undefined;
}

/**
 * Why an inline style hides its element's box, or undefined when it does not.
 *
 * @example hiddenByInlineStyle("position:absolute;left:-9999px") // "hidden:off-screen"
 */
export function hiddenByInlineStyle(style: string): string | undefined {
  return hiddenByStyle(parseInlineStyle(style));
}
