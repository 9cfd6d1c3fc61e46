/**
 * How text is painted, carried down the tree the way CSS inherits it: font size and colour pass
 * to descendants, and a background shows through every descendant that paints none of its own.
 * Text painted at zero size, in a transparent colour or in the colour of what is behind it is
 * invisible to a reader; a descendant that sets a readable size or colour is visible again.
 * Whatever cannot be resolved (a stylesheet this cannot see, an image behind the text) is unknown,
 * and unknown never hides anything.
 */
import { backgroundColorOf, contrast, over, parseColor, type Rgba } from "./css-color.js";
import { pxValue } from "./css-geometry.js";
import { tagOf } from "./dom-utils.js";

export interface Paint {
  /** Text colour; undefined when unknown. */
  color?: Rgba;
  /** The opaque colour behind the text; undefined when unknown (an image, unresolved CSS). */
  background?: Rgba;
  /** The font size is zero (or too small to read). */
  fontZero: boolean;
  /** A shadow, a stroke or `background-clip: text` paints the glyphs whatever their colour. */
  decorated: boolean;
}

/** What is known before any style is read: nothing. */
export const UNKNOWN_PAINT: Paint = Object.freeze({ fontZero: false, decorated: false });

/** Below this contrast ratio (1 = identical) text cannot be told from its background. */
const MIN_CONTRAST = 1.1;
/** Text this faint is as good as transparent. */
const MIN_ALPHA = 0.05;
const TINY_FONT_PX = 1;

/** Elements the browser paints with its own colours unless the page sets them. */
const UA_COLOR = new Set(["a", "mark", "button", "input", "select", "textarea", "option"]);
const UA_BACKGROUND = new Set(["mark", "button", "input", "select", "textarea", "option"]);
/** Elements where the legacy `bgcolor` attribute paints a background. */
const BGCOLOR_TAGS = new Set(["body", "table", "thead", "tbody", "tfoot", "tr", "td", "th"]);

const PAINT_PROPERTIES =
  /^(color|font|font-size|background|background-color|background-image|background-clip|-webkit-background-clip|-webkit-text-fill-color|text-shadow|-webkit-text-stroke|-webkit-text-stroke-width)$/;
const RELATIVE_SIZE = /^(-?\d*\.?\d+)(em|%|ex|ch|cap|ic|lh)$|^(smaller|larger|inherit|unset|revert)$/;
const SIZE_KEYWORD = /^(xx-small|x-small|small|medium|large|x-large|xx-large|xxx-large|smaller|larger)$/;

/** The size in a `font` shorthand (`font: 0/0 a`, `font: 700 14px/1.2 Inter`), if any. */
function fontSizeOfShorthand(value: string): string | undefined {
  if (/^(inherit|unset|revert|initial)$/.test(value)) return value;
  for (const token of value.split(/\s+/)) {
    const size = token.split("/")[0]!;
    if (/^0*\.?0+$/.test(size) || /^\d*\.?\d+[a-z%]+$/.test(size) || SIZE_KEYWORD.test(size)) return size;
  }
  return undefined;
}

function fontZeroOf(decls: ReadonlyMap<string, string>, parent: boolean): boolean {
  const shorthand = decls.get("font");
  const size =
    decls.get("font-size") ?? (shorthand !== undefined ? fontSizeOfShorthand(shorthand) : undefined);
  if (size === undefined) return parent;
  const px = pxValue(size);
  if (px !== undefined && px <= TINY_FONT_PX) return true;
  const relative = RELATIVE_SIZE.exec(size);
  if (relative) return parent || (relative[1] !== undefined && Number(relative[1]) === 0);
  return false;
}

function colorOf(el: Element, decls: ReadonlyMap<string, string>, parent: Paint): Rgba | undefined {
  const fill = decls.get("-webkit-text-fill-color");
  const tag = tagOf(el);
  const attribute = tag === "font" ? el.getAttribute("color")?.toLowerCase() : undefined;
  const value = fill && fill !== "currentcolor" ? fill : (decls.get("color") ?? attribute);
  if (value === undefined) return hasUaColor(el, tag) ? undefined : parent.color;
  if (/^(inherit|currentcolor|unset)$/.test(value)) return parent.color;
  return parseColor(value);
}

function backgroundOf(el: Element, decls: ReadonlyMap<string, string>, parent: Paint): Rgba | undefined {
  const image = decls.get("background-image");
  if (image && image !== "none") return undefined;
  const value =
    decls.get("background-color") ??
    decls.get("background") ??
    (BGCOLOR_TAGS.has(tagOf(el)) ? el.getAttribute("bgcolor")?.toLowerCase() : undefined);
  if (value === undefined) return UA_BACKGROUND.has(tagOf(el)) ? undefined : parent.background;
  if (/^(inherit|unset|none)$/.test(value)) return parent.background;
  const color = backgroundColorOf(value);
  if (color === "unknown") return undefined;
  if (!color || color.a === 0) return parent.background;
  if (color.a >= 1) return color;
  return parent.background ? over(color, parent.background) : undefined;
}

function decoratedOf(decls: ReadonlyMap<string, string>, parent: boolean): boolean {
  const clip = decls.get("background-clip") ?? decls.get("-webkit-background-clip");
  if (clip === "text") return true;
  const stroke = decls.get("-webkit-text-stroke-width") ?? decls.get("-webkit-text-stroke");
  if (stroke !== undefined && !/^0*\.?0+[a-z]*(\s|$)/.test(stroke)) return true;
  const shadow = decls.get("text-shadow");
  if (shadow !== undefined) return shadow !== "none";
  return parent;
}

function hasUaColor(el: Element, tag: string): boolean {
  return tag === "a" ? el.hasAttribute("href") : UA_COLOR.has(tag);
}

function hasPaint(el: Element, tag: string, decls: ReadonlyMap<string, string>): boolean {
  for (const name of decls.keys()) if (PAINT_PROPERTIES.test(name)) return true;
  if (tag === "font") return el.hasAttribute("color");
  return BGCOLOR_TAGS.has(tag) && el.hasAttribute("bgcolor");
}

/**
 * The paint of an element's text from its declarations and its parent's paint. `unknown` names the
 * families some rule this cannot resolve may change for the element.
 *
 * @example paintOf(span, parseInlineStyle("color:#fff"), new Set(), parentPaint).color // white
 */
export function paintOf(
  el: Element,
  decls: ReadonlyMap<string, string>,
  unknown: ReadonlySet<string>,
  parent: Paint,
): Paint {
  const tag = tagOf(el);
  const keepsParent =
    unknown.size === 0 &&
    !hasPaint(el, tag, decls) &&
    (parent.color === undefined || !hasUaColor(el, tag)) &&
    (parent.background === undefined || !UA_BACKGROUND.has(tag));
  if (keepsParent) return parent;
  return {
    color: unknown.has("color") ? undefined : colorOf(el, decls, parent),
    background: unknown.has("background") ? undefined : backgroundOf(el, decls, parent),
    fontZero: unknown.has("font-size") ? false : fontZeroOf(decls, parent.fontZero),
    decorated:
      unknown.has("text-shadow") ||
      unknown.has("-webkit-text-stroke") ||
      decoratedOf(decls, parent.decorated),
  };
}

/**
 * Why text with this paint is invisible (a `hidden:*` reason), or undefined when it can be read.
 *
 * @example hiddenPaint({ color: white, background: white, fontZero: false, decorated: false }) // "hidden:same-color"
 */
export function hiddenPaint(paint: Paint): string | undefined {
  if (paint.fontZero) return "hidden:zero-font-size";
  const { color, background } = paint;
  if (!color || paint.decorated) return undefined;
  if (color.a < MIN_ALPHA) return "hidden:transparent-text";
  if (!background) return undefined;
  return contrast(over(color, background), background) < MIN_CONTRAST ? "hidden:same-color" : undefined;
}
