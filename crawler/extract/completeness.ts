/**
 * The completeness guard: after the main content is chosen, is it the page's content or one part of
 * it? Generators write a page as sibling sections that share one wrapper class (AsciiDoc's
 * `div.sect1`, Sphinx's `section`/`div.section`, a service page's `<section>`s); Readability
 * scores them one by one and may keep a single section, which an agent cannot tell from a whole
 * page. When the chosen content sits inside one of several such siblings, each opening with a
 * heading of the same level, that hold real text it does not have, the content widens to their
 * common container and the page reports it (`widened:sibling-sections`). What stays outside the
 * chosen content is reported too (`outside-main-content`, with the headings and code blocks it
 * holds), so a partial page says so.
 */
import { describe, tagOf, textOf } from "./dom-utils.js";
import { isNavContainer } from "./landmarks.js";
import type { RemovalLog } from "./removal-log.js";

/** Elements whose text identifies a piece of the chosen content in the original document. */
const BLOCKS = "p, pre, h1, h2, h3, h4, h5, h6, li, dd, blockquote, td";
/** A block shorter than this is too common ("Share", "Next") to locate content by. */
const MIN_KEY_CHARS = 25;
const MAX_KEYS = 400;
/** How many ancestors above the chosen content are examined. */
const MAX_LEVELS = 8;
/** A sibling section with less text than this is a stub (an empty anchor div, a divider). */
const MIN_SECTION_CHARS = 80;
/** A sibling section mostly made of links is a link list (related posts, a menu), not content. */
const MAX_SECTION_LINK_SHARE = 0.5;
/**
 * Text of the container outside the chosen branch and its sibling sections, as a share of the
 * container: above this the container holds other things (comments, teasers) and is not taken.
 */
const MAX_OTHER_SHARE = 0.3;

const keyOf = (el: Element): string => textOf(el).slice(0, 120);

function linkShare(el: Element, chars: number): number {
  if (chars === 0) return 1;
  let links = 0;
  for (const a of el.querySelectorAll("a")) links += textOf(a).length;
  return links / chars;
}

function lowestCommonAncestor(elements: Element[]): Element | undefined {
  const [first, ...rest] = elements;
  if (!first) return undefined;
  const path: Element[] = [];
  for (let cur: Element | null = first; cur; cur = cur.parentElement) path.push(cur);
  let depth = 0;
  for (const el of rest) {
    const onPath = new Set(path.slice(depth));
    let cur: Element | null = el;
    while (cur && !onPath.has(cur)) cur = cur.parentElement;
    if (!cur) return undefined;
    depth = path.indexOf(cur, depth);
  }
  return path[depth];
}

/**
 * Where the chosen content lives in the document: itself when it is part of it, else (Readability
 * returns a copy) the common ancestor of the document's blocks whose text the copy holds, counting
 * only texts that occur once in the document.
 */
export function locate(body: Element, chosen: Element, keys: Set<string>): Element | undefined {
  for (let cur: Element | null = chosen; cur; cur = cur.parentElement) if (cur === body) return chosen;
  const seen = new Map<string, Element | null>();
  for (const el of body.querySelectorAll(BLOCKS)) {
    const key = keyOf(el);
    if (key.length < MIN_KEY_CHARS || !keys.has(key)) continue;
    // A block that is its parent's whole text (the p of an li) is the same occurrence, not a repeat.
    seen.set(key, seen.has(key) && seen.get(key) !== el.parentElement ? null : el);
  }
  const matched = [...seen.values()].filter((el): el is Element => el !== null);
  return lowestCommonAncestor(matched);
}

/** Tag and classes: what a generator repeats on each section of a page. Bare divs say nothing. */
function signature(el: Element): string | undefined {
  const tag = tagOf(el);
  const classes = (el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean).sort().join(".");
  if (!classes && tag !== "section" && tag !== "article") return undefined;
  return `${tag}.${classes}`;
}

export function keysOf(root: Element): Set<string> {
  const keys = new Set<string>();
  for (const el of root.querySelectorAll(BLOCKS)) {
    const key = keyOf(el);
    if (key.length >= MIN_KEY_CHARS) keys.add(key);
    if (keys.size >= MAX_KEYS) break;
  }
  return keys;
}

/** True when `el` has a block of text the chosen content lacks (or text but no blocks at all). */
function hasMissingText(el: Element, keys: Set<string>): boolean {
  const blocks = [...el.querySelectorAll(BLOCKS)].map(keyOf).filter((k) => k.length >= MIN_KEY_CHARS);
  return blocks.length === 0 ? textOf(el).length > 0 : blocks.some((k) => !keys.has(k));
}

/** True when `section` holds real text the chosen content lacks. */
function isMissingSection(section: Element, keys: Set<string>): boolean {
  if (isNavContainer(section)) return false;
  const chars = textOf(section).length;
  if (chars < MIN_SECTION_CHARS || linkShare(section, chars) > MAX_SECTION_LINK_SHARE) return false;
  return hasMissingText(section, keys);
}

/**
 * The level of the heading a section opens with (its text starts with the heading's), or
 * undefined: a section of a document is headed; a layout wrapper (`div.container`) is not.
 */
function leadingHeading(el: Element): string | undefined {
  const heading = el.querySelector("h1, h2, h3, h4, h5, h6");
  if (!heading) return undefined;
  const text = textOf(heading);
  return text.length > 0 && textOf(el).startsWith(text) ? tagOf(heading) : undefined;
}

/**
 * Siblings of `branch` built like it (same tag and classes, opening with a heading of the same
 * level) that hold real text the content lacks.
 */
function missingSiblings(branch: Element, keys: Set<string>): Element[] {
  const sig = signature(branch);
  const parent = branch.parentElement;
  const level = sig ? leadingHeading(branch) : undefined;
  if (!sig || !parent || !level) return [];
  const out: Element[] = [];
  for (let sib = parent.firstElementChild; sib; sib = sib.nextElementSibling)
    if (
      sib !== branch &&
      signature(sib) === sig &&
      leadingHeading(sib) === level &&
      isMissingSection(sib, keys)
    )
      out.push(sib);
  return out;
}

/**
 * The widened root's wrappers that add only a little unlinked text (the page's title heading and
 * introduction around its sections) join it; the body never does.
 */
function absorbWrappers(body: Element, root: Element): Element {
  let cur = root;
  let chars = textOf(cur).length;
  for (let parent = cur.parentElement; parent && parent !== body; parent = parent.parentElement) {
    const parentChars = textOf(parent).length;
    const extra = parentChars - chars;
    if (
      extra > MAX_OTHER_SHARE * parentChars ||
      (extra > 0 && linkShare(parent, parentChars) > MAX_SECTION_LINK_SHARE)
    )
      break;
    cur = parent;
    chars = parentChars;
  }
  return cur;
}

export interface Widening {
  root: Element;
  /** Characters the widened root holds beyond the chosen content. */
  addedChars: number;
}

/**
 * The common container of the sibling sections the chosen content belongs to, when it left some of
 * them out; undefined when the choice is whole.
 *
 * @example widenToSiblingSections(document, readabilityArticle)?.root // div#content
 */
export function widenToSiblingSections(doc: Document, chosen: Element): Widening | undefined {
  const body = doc.body;
  if (!body) return undefined;
  const keys = keysOf(chosen);
  const anchor = locate(body, chosen, keys);
  if (!anchor || anchor === body) return undefined;
  let widened: Element | undefined;
  let branch = anchor;
  for (let level = 0; level < MAX_LEVELS; level++) {
    const parent = branch.parentElement;
    if (!parent || tagOf(parent) === "html") break;
    const missing = missingSiblings(branch, keys);
    if (missing.length > 0) {
      const parentChars = textOf(parent).length;
      const sectionChars = [branch, ...missing].reduce((sum, s) => sum + textOf(s).length, 0);
      if (parentChars - sectionChars > MAX_OTHER_SHARE * parentChars) break;
      widened = parent;
    }
    if (parent === body) break;
    branch = parent;
  }
  if (!widened) return undefined;
  widened = absorbWrappers(body, widened);
  return { root: widened, addedChars: Math.max(0, textOf(widened).length - textOf(chosen).length) };
}

const headingKeys = (root: Element): Set<string> =>
  new Set([...root.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(keyOf));

/**
 * Reports the headings and code blocks of the cleaned page that the content does not hold, and the
 * characters around them: an agent reading the page can tell that it got part of it.
 */
function reportOutside(doc: Document, root: Element, log: RemovalLog): void {
  const body = doc.body;
  if (!body || root === body) return;
  const kept = headingKeys(root);
  const lost = [...body.querySelectorAll("h2, h3, h4, h5, h6")]
    .map(keyOf)
    .filter((k) => k.length > 0 && !kept.has(k));
  const lostCode = Math.max(0, body.querySelectorAll("pre").length - root.querySelectorAll("pre").length);
  if (lost.length === 0 && lostCode === 0) return;
  const chars = Math.max(0, textOf(body).length - textOf(root).length);
  const named = lost.slice(0, 3).map((k) => `"${k.length > 30 ? `${k.slice(0, 27)}...` : k}"`);
  const parts = [
    lost.length > 0
      ? `${lost.length} heading${lost.length > 1 ? "s" : ""} (${named.join(", ")}${lost.length > 3 ? ", …" : ""})`
      : "",
    lostCode > 0 ? `${lostCode} code block${lostCode > 1 ? "s" : ""}` : "",
  ];
  log.add("outside-main-content", parts.filter(Boolean).join(", "), chars);
}

/**
 * Applies the guard: the root to render, with a `widened:` entry in the log when it changed and an
 * `outside-main-content` entry for the headings and code blocks that stay out.
 *
 * @example const root = completeContent(document, content.root, log);
 */
export function completeContent(doc: Document, chosen: Element, log: RemovalLog): Element {
  const widening = widenToSiblingSections(doc, chosen);
  if (widening) log.add("widened:sibling-sections", describe(widening.root), widening.addedChars);
  const root = widening?.root ?? chosen;
  reportOutside(doc, root, log);
  return root;
}
