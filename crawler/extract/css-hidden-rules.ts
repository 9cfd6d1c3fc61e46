/**
 * What the page's own `<style>` blocks declare for an element, read without a cascade engine.
 * Unconditional rules with one simple selector (`.x`, `#y`) count, and tag rules (`body`, `a`)
 * for the properties that paint text (colour, background, font size). A property that another
 * rule changes in some state of the page (`.tab-pane.active { display: block }`, `:hover`, rules
 * inside `@media`) is not trusted: for a box property the simple rule is dropped (some state shows
 * the element), for a paint property it becomes unknown, and unknown never hides anything.
 */
import { tagOf } from "./dom-utils.js";
import { parseInlineStyle } from "./inline-style.js";

export interface PageCss {
  /**
   * Declarations of the unconditional simple rules, keyed `.class`, `#id` or a tag name, each with
   * its position in the page's CSS (among equally specific rules the later one wins).
   */
  rules: Map<string, Map<string, Declaration>>;
  /** Per subject token: property family → values set by compound, state or conditional rules. */
  state: Map<string, Map<string, Set<string>>>;
  /** Paint families set by rules that name no class, id or tag (`[data-theme=dark]`, `*`). */
  unknownEverywhere: Set<string>;
  /** What the rules give each combination of tag, classes and id seen so far. */
  resolved: Map<string, ElementStyle>;
}

/** What applies to one element. */
export interface ElementStyle {
  /** The inline `style` attribute's declarations. */
  inline: ReadonlyMap<string, string>;
  /** The page's simple rules (tag < classes < id) with the inline declarations over them. */
  decls: ReadonlyMap<string, string>;
  /** Paint families that some rule this cannot resolve may change for the element. */
  unknown: ReadonlySet<string>;
}

export interface Declaration {
  value: string;
  order: number;
}

interface CssRule {
  selectors: string[];
  body: string;
  conditional: boolean;
}

/** Families whose value descendants inherit or whose paint sits behind them. */
const PAINT_FAMILIES = new Set(["color", "background", "font-size", "text-shadow", "-webkit-text-stroke"]);

const EMPTY_DECLS: ReadonlyMap<string, string> = new Map();
const EMPTY_SET: ReadonlySet<string> = new Set();

/**
 * The property a declaration sets, with shorthands and longhands folded together, so that
 * `.x:hover { background-color }` is seen to change `.x { background }`.
 *
 * @example family("background-color") // "background"
 */
export function family(property: string): string {
  if (property.startsWith("background") || property === "-webkit-background-clip") return "background";
  if (property === "font" || property === "font-size") return "font-size";
  if (property === "-webkit-text-fill-color") return "color";
  if (property.startsWith("-webkit-text-stroke")) return "-webkit-text-stroke";
  if (property.startsWith("overflow")) return "overflow";
  if (property.startsWith("margin")) return "margin";
  if (property === "-webkit-clip-path") return "clip-path";
  return property;
}

function nestedSelectors(selectors: string[], parents: string[] | undefined): string[] {
  if (!parents) return selectors;
  return selectors.flatMap((s) => parents.map((p) => (s.includes("&") ? s.replaceAll("&", p) : `${p} ${s}`)));
}

/**
 * Splits a block of CSS into rules (appended to `out`) and returns the declarations written
 * directly in it. Rules nested inside a rule (CSS nesting) apply in some state of their parent, so
 * they are read as conditional with the parent's selector in front.
 */
function parseBlock(
  css: string,
  parents: string[] | undefined,
  conditional: boolean,
  out: CssRule[],
): string {
  let own = "";
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf("{", i);
    if (open < 0) {
      own += css.slice(i);
      break;
    }
    const head = css.slice(i, open);
    // What precedes the selector is declarations (nested CSS) or a statement such as `@import …;`.
    const cut = head.lastIndexOf(";");
    own += head.slice(0, cut + 1);
    const prelude = head.slice(cut + 1).trim();
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
      if (/^@(media|supports|layer|container|document)/i.test(prelude)) {
        const inner = parseBlock(body, parents, true, out);
        if (parents && inner.trim()) out.push({ selectors: parents, body: inner, conditional: true });
      }
    } else {
      const selectors = nestedSelectors(
        prelude.split(",").map((s) => s.trim()),
        parents,
      );
      const declarations = body.includes("{") ? parseBlock(body, selectors, true, out) : body;
      out.push({ selectors, body: declarations, conditional: conditional || parents !== undefined });
    }
    i = j;
  }
  return own;
}

const SIMPLE = /^(?:([.#])([\w-]+)|([a-z][a-z0-9]*)|(:root))$/i;
const TOKENS = /([.#])([\w-]+)|(?:^|[\s>+~(])([a-z][a-z0-9-]*)/gi;
/** Generated content and UA parts: their rules never paint the element's own text. */
const PSEUDO_ELEMENT =
  /::?(before|after|selection|placeholder|marker|backdrop|file-selector-button|-[\w-]+)\s*$/i;

function simpleKey(selector: string): string | undefined {
  const m = SIMPLE.exec(selector);
  if (!m) return undefined;
  if (m[1]) return `${m[1]}${m[2]}`;
  return m[4] ? "html" : m[3]!.toLowerCase();
}

/**
 * The class, id and tag tokens of a selector's subject (its last compound): `.menu .item:hover`
 * changes `.item`, not `.menu`.
 */
function selectorTokens(selector: string): string[] {
  const flat = selector.replace(/\([^()]*\)/g, "()").replace(/\[[^\]]*\]/g, "[]");
  const subject =
    flat
      .split(/\s*[\s>+~]\s*/)
      .filter(Boolean)
      .pop() ?? "";
  const out: string[] = [];
  for (const m of subject.matchAll(TOKENS)) out.push(m[1] ? `${m[1]}${m[2]}` : m[3]!.toLowerCase());
  return out;
}

function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function addState(css: PageCss, tokens: string[], decls: Map<string, string>): void {
  if (tokens.length === 0) {
    for (const name of decls.keys())
      if (PAINT_FAMILIES.has(family(name))) css.unknownEverywhere.add(family(name));
    return;
  }
  for (const token of tokens) {
    const families = entry(css.state, token, () => new Map<string, Set<string>>());
    for (const [name, value] of decls) entry(families, family(name), () => new Set<string>()).add(value);
  }
}

/**
 * Reads CSS text into the rules and states that `styleOf` resolves per element.
 *
 * @example parsePageCss(".hide{display:none}").rules.get(".hide")?.get("display")?.value // "none"
 */
export function parsePageCss(text: string): PageCss {
  const parsed: CssRule[] = [];
  parseBlock(text.replace(/\/\*[\s\S]*?\*\//g, ""), undefined, false, parsed);
  const css: PageCss = {
    rules: new Map(),
    state: new Map(),
    unknownEverywhere: new Set(),
    resolved: new Map(),
  };
  let order = 0;
  for (const rule of parsed) {
    const decls = parseInlineStyle(rule.body);
    if (decls.size === 0) continue;
    for (const selector of rule.selectors) {
      const key = rule.conditional ? undefined : simpleKey(selector);
      if (key) {
        // A tag rule is trusted for paint only: `h1 { text-indent: -9999px }` is a logo, not a trap.
        const isTag = !/^[.#]/.test(key);
        for (const [name, value] of decls) {
          if (isTag && !PAINT_FAMILIES.has(family(name))) continue;
          entry(css.rules, key, () => new Map<string, Declaration>()).set(name, { value, order: order++ });
        }
      } else if (!PSEUDO_ELEMENT.test(selector)) {
        addState(css, selectorTokens(selector), decls);
      }
    }
  }
  return css;
}

/**
 * The page CSS of every `<style>` element of a document.
 *
 * @example pageCss(document).rules.has(".visually-gone") // true
 */
export function pageCss(doc: Document): PageCss {
  const text = [...doc.querySelectorAll("style")].map((s) => s.textContent ?? "").join("\n");
  return parsePageCss(text);
}

function tokensOfElement(tag: string, cls: string | null, id: string | null): string[] {
  const tokens = [tag];
  if (cls) for (const c of cls.split(/\s+/)) if (c) tokens.push(`.${c}`);
  if (id) tokens.push(`#${id}`);
  return tokens;
}

const NO_STYLE: ElementStyle = { inline: EMPTY_DECLS, decls: EMPTY_DECLS, unknown: EMPTY_SET };

function fromRules(tokens: string[], css: PageCss): ElementStyle {
  const decls = new Map<string, string>();
  const unknown = new Set<string>(css.unknownEverywhere);
  // Specificity first (tag < class < id, the order of `tokens`), then the later rule.
  const winner = new Map<string, { rank: number; order: number }>();
  for (const token of tokens) {
    const rule = css.rules.get(token);
    if (!rule) continue;
    const rank = token[0] === "#" ? 2 : token[0] === "." ? 1 : 0;
    for (const [name, { value, order }] of rule) {
      const best = winner.get(name);
      if (best && (best.rank > rank || (best.rank === rank && best.order > order))) continue;
      winner.set(name, { rank, order });
      decls.set(name, value);
    }
  }
  for (const token of tokens) {
    const families = css.state.get(token);
    if (!families) continue;
    const isTag = !/^[.#]/.test(token);
    for (const [f, values] of families) {
      const paint = PAINT_FAMILIES.has(f);
      if (paint) unknown.add(f);
      // `.menu div { display: block }` says nothing about which div a state reveals.
      if (isTag && !paint) continue;
      for (const [name, value] of decls) {
        if (family(name) === f && [...values].some((v) => v !== value)) decls.delete(name);
      }
    }
  }
  return { inline: EMPTY_DECLS, decls, unknown };
}

/** Elements sharing a tag and class list share what the rules give them: resolve each once. */
const MAX_CACHED = 10_000;

/**
 * The declarations that apply to an element: the page's simple rules (tag < classes < id) minus
 * those some state of the page changes, then its inline style; and the paint families that are
 * unknown for it (an inline declaration is known whatever the rules say).
 *
 * @example styleOf(span, css).decls.get("color") // "transparent"
 */
export function styleOf(el: Element, css: PageCss): ElementStyle {
  const attribute = el.getAttribute("style");
  const noRules = css.rules.size === 0 && css.state.size === 0 && css.unknownEverywhere.size === 0;
  // Most elements of a large page have nothing that applies: answer without allocating.
  if (noRules && !attribute) return NO_STYLE;
  const tag = tagOf(el);
  const cls = noRules ? null : el.getAttribute("class");
  const id = noRules ? null : el.getAttribute("id");
  let rules = NO_STYLE;
  if (cls || id || css.unknownEverywhere.size > 0 || css.rules.has(tag) || css.state.has(tag)) {
    const key = `${tag} ${cls ?? ""} ${id ?? ""}`;
    const cached = css.resolved.get(key);
    if (cached) rules = cached;
    else {
      rules = fromRules(tokensOfElement(tag, cls, id), css);
      if (css.resolved.size < MAX_CACHED) css.resolved.set(key, rules);
    }
  }
  if (!attribute) return rules;
  const inline = parseInlineStyle(attribute);
  if (inline.size === 0) return rules;
  const decls = new Map(rules.decls);
  const unknown = new Set(rules.unknown);
  for (const [name, value] of inline) {
    decls.set(name, value);
    unknown.delete(family(name));
  }
  return { inline, decls, unknown };
}
