/**
 * Applies the noise rules (noise-rules.ts) to a page.
 *
 * Precedence: rules are tried in table order and the first rule that matches an element names the
 * removal. Elements are removed parent-first, so a removed container's descendants are not
 * reported again. Two guards apply to every rule: the main region (and anything containing it) is
 * never removed; rules marked `bounded` (class/id guesses) never remove an element holding an h1 or
 * more than 40 % of the page's text, because a class like `has-sidebar` often sits on a wrapper.
 */
import { describe, describeWithText, isDetached, tagOf } from "./dom-utils.js";
import { cachedTextOf as textOf, withElementCache } from "./element-cache.js";
import { NOISE_RULES, type NoiseContext, type NoiseRule } from "./noise-rules.js";
import type { RemovalLog } from "./removal-log.js";
import { ElementIndex, simpleSelectorParts } from "./simple-selector.js";

function isProtected(el: Element, rule: NoiseRule, ctx: NoiseContext): boolean {
  const tag = tagOf(el);
  if (tag === "body" || tag === "html") return true;
  if (ctx.mainRegion && (el === ctx.mainRegion || el.contains(ctx.mainRegion))) return true;
  if (rule.bounded) {
    if (el.querySelector("h1")) return true;
    if (ctx.bodyChars > 1000 && textOf(el).length > 0.4 * ctx.bodyChars) return true;
  }
  return false;
}

/**
 * Removes noise from `doc.body` in place and records each removal in `log` as `noise:<rule>`.
 *
 * @example
 * applyNoiseRules(document, log, findMainRegion(document));
 * // <nav>, the cookie banner and "Edit this page" are gone
 */
export function applyNoiseRules(doc: Document, log: RemovalLog, mainRegion: Element | null): void {
  const body = doc.body;
  if (!body) return;
  // Rules only read the tree until removal starts, and removal is parent-first, so an element's
  // text and tokens stay valid for the whole pass.
  withElementCache(() => removeNoise(body, log, mainRegion));
}

/** Rule selectors split once: a simple one is matched against a single walk of the body. */
const RULE_PARTS = new Map(NOISE_RULES.map((rule) => [rule, simpleSelectorParts(rule.selector)]));

function removeNoise(body: HTMLElement, log: RemovalLog, mainRegion: Element | null): void {
  const bodyText = textOf(body);
  const ctx: NoiseContext = {
    mainRegion,
    bodyChars: bodyText.length,
    mainHasH1: !!mainRegion?.querySelector("h1"),
  };
  // First matching rule per element, in table order.
  const matched = new Map<Element, NoiseRule>();
  const index = new ElementIndex([...body.querySelectorAll("*")]);
  for (const rule of NOISE_RULES) {
    if (rule.precheck && !rule.precheck(bodyText)) continue;
    const parts = RULE_PARTS.get(rule);
    for (const el of parts ? index.select(parts) : body.querySelectorAll(rule.selector)) {
      if (matched.has(el)) continue;
      if (rule.test && !rule.test(el, ctx)) continue;
      matched.set(el, rule);
    }
  }
  if (matched.size === 0) return;
  // Remove parent-first, in document order (matching left the tree as it was).
  for (const el of index.elements) {
    const rule = matched.get(el);
    if (!rule || isDetached(el, body) || isProtected(el, rule, ctx)) continue;
    log.add(`noise:${rule.name}`, rule.byText ? describeWithText(el) : describe(el), textOf(el).length);
    el.remove();
  }
}
