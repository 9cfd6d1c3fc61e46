/**
 * Lengths, clip shapes and transforms, read only as far as telling whether they leave an element
 * with no visible area or move it far off the page. Without a layout engine a percentage or a
 * `calc()` cannot be resolved: what cannot be resolved is treated as visible.
 */

/** Far enough from the page that no layout brings it back into view. */
export const OFF_SCREEN_PX = -1000;

const LENGTH = /^(-?\d*\.?\d+)(px|em|rem|pt|vw|vh)?$/;

/**
 * A length in CSS pixels, roughly: em/rem at 16px and vw/vh on a 1000px viewport are enough to
 * tell -9999em from -1em; undefined for anything else (percentages, calc, keywords).
 *
 * @example pxValue("-10em") // -160
 */
export function pxValue(value: string | undefined): number | undefined {
  const m = value ? LENGTH.exec(value.trim()) : null;
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === undefined && n !== 0) return undefined;
  const scale = { em: 16, rem: 16, pt: 4 / 3, vw: 10, vh: 10 }[m[2] as "em"] ?? 1;
  return n * scale;
}

function isZero(value: string | undefined): boolean {
  return value !== undefined && /^-?0*\.?0+([a-z]+|%)?$/.test(value.trim());
}

function args(fn: string, value: string): string[] | undefined {
  const m = new RegExp(`(?:^|[\\s,])${fn}\\(([^()]*)\\)`).exec(value);
  return m ? m[1]!.split(/[\s,]+/).filter(Boolean) : undefined;
}

/**
 * True when a `clip: rect(top right bottom left)` leaves no area (`rect(0 0 0 0)`,
 * `rect(1px, 1px, 1px, 1px)`); `auto` edges are the element's own.
 *
 * @example clipRectIsEmpty("rect(0, 0, 0, 0)") // true
 */
export function clipRectIsEmpty(value: string): boolean {
  const parts = args("rect", value);
  if (parts?.length !== 4) return false;
  const [top, right, bottom, left] = parts.map((p, i) =>
    p === "auto" ? (i === 1 || i === 2 ? Number.POSITIVE_INFINITY : 0) : pxValue(p),
  );
  if (top === undefined || right === undefined || bottom === undefined || left === undefined) return false;
  return bottom <= top || right <= left;
}

function percent(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (isZero(value)) return 0;
  const m = /^(-?\d*\.?\d+)%$/.exec(value);
  return m ? Number(m[1]) : undefined;
}

function insetIsEmpty(parts: string[]): boolean {
  const round = parts.indexOf("round");
  const [t, r = t, b = t, l = r] = (round >= 0 ? parts.slice(0, round) : parts).map(percent);
  const covers = (x: number | undefined, y: number | undefined) =>
    x !== undefined && y !== undefined && x + y >= 100;
  return covers(t, b) || covers(l, r);
}

function polygonIsEmpty(value: string): boolean {
  const m = /polygon\(([^()]*)\)/.exec(value);
  if (!m) return false;
  const points = m[1]!
    .split(",")
    .map((p) => p.trim())
    .filter((p) => !/^(nonzero|evenodd)$/.test(p));
  return points.length > 0 && points.every((p) => p.replace(/\s+/g, " ") === points[0]!.replace(/\s+/g, " "));
}

/**
 * True when a `clip-path` shape leaves no area: `inset(50%)`, `circle(0)`, `ellipse(0 0)`, a
 * polygon of one point, `rect(0 0 0 0)`, `xywh(0 0 0 0)`.
 *
 * @example clipPathIsEmpty("inset(50%)") // true
 */
export function clipPathIsEmpty(value: string): boolean {
  const inset = args("inset", value);
  if (inset) return insetIsEmpty(inset);
  const circle = args("circle", value);
  if (circle) return isZero(circle[0]);
  const ellipse = args("ellipse", value);
  if (ellipse) return isZero(ellipse[0]) || isZero(ellipse[1]);
  const xywh = args("xywh", value);
  if (xywh) return isZero(xywh[2]) || isZero(xywh[3]);
  if (args("rect", value)) return clipRectIsEmpty(value);
  return polygonIsEmpty(value);
}

const TRANSFORM_FN = /([a-z3]+)\(([^()]*)\)/gi;

/**
 * What a `transform` does to visibility: "zero-scale" when a scale factor is 0 (the element
 * collapses to a point or a line), "off-screen" when it translates far off the page.
 *
 * @example transformEffect("translateX(-9999px)") // "off-screen"
 */
export function transformEffect(value: string): "zero-scale" | "off-screen" | undefined {
  let effect: "zero-scale" | "off-screen" | undefined;
  for (const m of value.matchAll(TRANSFORM_FN)) {
    const name = m[1]!.toLowerCase();
    const nums = m[2]!.split(/[\s,]+/).filter(Boolean);
    if (name === "scale" || name === "scale3d" || name === "scalex" || name === "scaley") {
      // The z factor of scale3d flattens nothing a reader sees.
      if (nums.slice(0, 2).some(isZero)) return "zero-scale";
    } else if (name === "matrix" && nums.length === 6) {
      const [a, b, c, d] = nums.map(Number) as [number, number, number, number];
      if (a * d - b * c === 0) return "zero-scale";
    } else if (/^translate(3d|x|y)?$/.test(name)) {
      if (nums.slice(0, 2).some((n) => (pxValue(n) ?? 0) <= OFF_SCREEN_PX)) effect = "off-screen";
    }
  }
  return effect;
}
