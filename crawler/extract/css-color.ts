/**
 * CSS colour values, parsed far enough to tell whether text can be seen against its background:
 * transparent text and text the colour of what is behind it are invisible to a reader but not to
 * a model. Anything this cannot resolve (`var()`, `color-mix()`, `lab()`) is unknown, and unknown
 * never hides anything.
 */
import { NAMED_COLORS } from "./css-named-colors.js";

/** Channels 0–255, alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/;
const FUNCTION = /^(rgba?|hsla?)\(\s*([^()]*)\)$/;

function channel(value: string, scale: number): number | undefined {
  const m = /^(-?\d*\.?\d+)(%?)$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Math.min(scale, Math.max(0, m[2] ? (n / 100) * scale : n));
}

function alphaOf(value: string | undefined): number | undefined {
  return value === undefined ? 1 : channel(value, 1);
}

function fromHex(hex: string): Rgba {
  const full = hex.length <= 4 ? [...hex].map((c) => c + c).join("") : hex;
  const n = (i: number) => Number.parseInt(full.slice(i, i + 2), 16);
  return { r: n(0), g: n(2), b: n(4), a: full.length === 8 ? n(6) / 255 : 1 };
}

function fromHsl(h: number, s: number, l: number, a: number): Rgba {
  const k = (n: number) => (n + h / 30) % 12;
  const f = (n: number) => l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return { r: f(0) * 255, g: f(8) * 255, b: f(4) * 255, a };
}

function fromFunction(name: string, args: string): Rgba | undefined {
  // Legacy `rgb(1, 2, 3, .5)` and modern `rgb(1 2 3 / 50%)` both.
  const parts = args
    .replace(/\//g, " / ")
    .split(/[\s,]+/)
    .filter((p) => p !== "" && p !== "/");
  if (parts.length !== 3 && parts.length !== 4) return undefined;
  const a = alphaOf(parts[3]);
  if (a === undefined) return undefined;
  if (name.startsWith("rgb")) {
    const [r, g, b] = parts.slice(0, 3).map((p) => channel(p, 255));
    return r === undefined || g === undefined || b === undefined ? undefined : { r, g, b, a };
  }
  const hue = /^(-?\d*\.?\d+)(deg)?$/.exec(parts[0]!);
  const s = channel(parts[1]!, 100);
  const l = channel(parts[2]!, 100);
  if (!hue || s === undefined || l === undefined) return undefined;
  return fromHsl(((Number(hue[1]) % 360) + 360) % 360, s / 100, l / 100, a);
}

/** A page repeats a handful of colours thousands of times. */
const cache = new Map<string, Readonly<Rgba> | undefined>();
const MAX_CACHED = 1000;

/**
 * Parses one CSS colour (lower-case input), or undefined when it is not a colour this resolves.
 *
 * @example parseColor("rgba(0, 0, 0, 0)") // { r: 0, g: 0, b: 0, a: 0 }
 */
export function parseColor(value: string): Rgba | undefined {
  if (cache.has(value)) return cache.get(value);
  const color = parse(value.trim());
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(value, color);
  return color;
}

function parse(v: string): Rgba | undefined {
  if (v === "transparent") return { r: 0, g: 0, b: 0, a: 0 };
  const named = NAMED_COLORS.get(v);
  if (named !== undefined) return { r: named >> 16, g: (named >> 8) & 0xff, b: named & 0xff, a: 1 };
  const hex = HEX.exec(v);
  if (hex) return fromHex(hex[1]!);
  const fn = FUNCTION.exec(v);
  return fn ? fromFunction(fn[1]!, fn[2]!) : undefined;
}

/**
 * The colour a `background` shorthand paints; "unknown" when it paints an image or gradient (text
 * over it may be readable whatever the colour) or a value this cannot resolve (`var(--bg)`);
 * undefined when it names no colour (nothing is painted).
 *
 * @example backgroundColorOf("#fff url(a.png) no-repeat") // "unknown"
 */
export function backgroundColorOf(value: string): Rgba | "unknown" | undefined {
  if (/\b(url|image-set|element|(repeating-)?(linear|radial|conic)-gradient)\(/.test(value)) return "unknown";
  const whole = parseColor(value);
  if (whole) return whole;
  if (/\b(var|env|attr|calc|color-mix|light-dark|color|lab|lch|oklab|oklch|hwb)\(/.test(value))
    return "unknown";
  for (const token of value.match(/#[0-9a-f]+|(rgba?|hsla?)\([^()]*\)|[a-z-]+/g) ?? []) {
    const color = parseColor(token);
    if (color) return color;
    if (/^(currentcolor|inherit)$/.test(token)) return "unknown";
  }
  return undefined;
}

/**
 * `top` painted over `bottom` (source-over compositing).
 *
 * @example over({ r: 0, g: 0, b: 0, a: 0.5 }, white) // { r: 127.5, g: 127.5, b: 127.5, a: 1 }
 */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (t: number, b: number) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

function luminance({ r, g, b }: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * WCAG contrast ratio of two opaque colours, 1 (identical) to 21 (black on white).
 *
 * @example contrast(white, snow) // ≈ 1.02
 */
export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
