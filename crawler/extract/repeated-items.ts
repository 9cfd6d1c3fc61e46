/**
 * Listing pages (a shop category, a course catalogue, a news index, a job board) are a run of items
 * built alike: cards, rows, entries sharing one tag and class. Readability scores them one by one,
 * finds each too short or too link-heavy to be an article, and keeps the page's introduction or a
 * single card. When the chosen content is small beside such a run — the run holds several times its
 * text and a good part of the cleaned page — the content widens to the common container of both,
 * when that holds little else, and the page reports it (`widened:repeated-items`). It only widens:
 * content that cannot be placed beside the run is kept as chosen. Items are linked (each listed
 * thing links to its page), alike in size (page columns are not items), not paragraphs (an article
 * is a run of paragraphs) and not reader comments. A content root that is mostly such a run is a
 * listing, whose linked cards article boilerplate pruning must not strip (`isListing`).
 */
import { keysOf, locate } from "./completeness.js";
import { describe, tagOf, textOf } from "./dom-utils.js";
import { isNavContainer } from "./landmarks.js";
import type { RemovalLog } from "./removal-log.js";

/** Fewer alike siblings than this are a pair of columns or a few sections, not a listing. */
const MIN_ITEMS = 4;
/** Items averaging fewer characters than this are menu entries or tags, not listed things. */
const MIN_ITEM_CHARS = 40;
/** The run must hold this many times the chosen content's text: the choice is then a small part. */
const MIN_RUN_OVER_CHOSEN = 2;
/** ...and this share of the cleaned page's text, so a teaser strip beside an article never counts. */
const MIN_RUN_SHARE = 0.3;
/**
 * Text of the common container of the run and the chosen content outside both, as a share of that
 * container: above this it holds other things too (a sidebar, a footer) and nothing is widened.
 */
const MAX_OTHER_SHARE = 0.3;

/** Share of a content root's text in one run above which the root is a listing. */
const LISTING_SHARE = 0.5;

interface Run {
  container: Element;
  chars: number;
}

/** Tag and classes; bare `li`, `tr`, `article`, `dd` items repeat without classes. */
function itemSignature(el: Element): string {
  return `${tagOf(el)}.${(el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean).sort().join(".")}`;
}

/** Prose blocks repeat on every article: a run of paragraphs is text, not a listing. */
const PROSE_TAGS = new Set([
  "p",
  "span",
  "blockquote",
  "pre",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "br",
  "img",
]);
/** Share of a run's items that must link somewhere: a listed thing links to its own page. */
const MIN_LINKED_SHARE = 0.75;
/** No item may hold more than this share of the run: page columns and rows are not alike items. */
const MAX_ITEM_SHARE = 0.4;
/** Reader comments repeat too, but belong to the discussion under an article, not a listing. */
const COMMENTS = /comment|repl(y|ies)|respons/i;

const isComments = (el: Element): boolean => COMMENTS.test(`${el.id} ${el.getAttribute("class") ?? ""}`);

/** The run of alike children of `parent` with the most text, if it is a listing. */
function runOf(parent: Element): Run | undefined {
  const groups = new Map<
    string,
    { count: number; chars: number; linked: number; largest: number; first: Element }
  >();
  for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
    if (PROSE_TAGS.has(tagOf(child))) continue;
    const sig = itemSignature(child);
    const chars = textOf(child).length;
    const group = groups.get(sig) ?? { count: 0, chars: 0, linked: 0, largest: 0, first: child };
    group.count++;
    group.chars += chars;
    group.largest = Math.max(group.largest, chars);
    if (tagOf(child) === "a" || child.querySelector("a[href]")) group.linked++;
    groups.set(sig, group);
  }
  let best: Run | undefined;
  for (const { count, chars, linked, largest, first } of groups.values())
    if (
      count >= MIN_ITEMS &&
      chars / count >= MIN_ITEM_CHARS &&
      linked >= MIN_LINKED_SHARE * count &&
      largest <= MAX_ITEM_SHARE * chars &&
      !isComments(first) &&
      (!best || chars > best.chars)
    )
      best = { container: parent, chars };
  return best;
}

/** The largest listing run of the page, outside navigation and whatever else `exclude` matches. */
function largestRun(body: Element, exclude = "nav, [role=navigation]"): Run | undefined {
  let best: Run | undefined;
  for (const el of body.querySelectorAll("*")) {
    if (el.childElementCount < MIN_ITEMS) continue;
    const run = runOf(el);
    if (run && (!best || run.chars > best.chars) && !el.closest(exclude) && !isNavContainer(el)) best = run;
  }
  return best;
}

/**
 * True when most of `root`'s text is one run of alike items: a listing, whose linked cards are its
 * content rather than boilerplate around an article.
 *
 * @example isListing(readabilityArticle) // true for a news index
 */
export function isListing(root: Element): boolean {
  // A block marked as related stories or teasers is boilerplate however long; it is no listing.
  const run = largestRun(root, "nav, [role=navigation], [data-aw-boiler]");
  return run !== undefined && run.chars >= LISTING_SHARE * textOf(root).length;
}

function commonAncestor(a: Element, b: Element): Element | undefined {
  for (let cur: Element | null = a; cur; cur = cur.parentElement) if (cur.contains(b)) return cur;
  return undefined;
}

/**
 * The common container of the page's listing run and the chosen content when the chosen content is
 * a small part of the page beside the run; undefined otherwise.
 *
 * @example widenToRepeatedItems(document, readabilityArticle) // ul.product-grid
 */
export function widenToRepeatedItems(doc: Document, chosen: Element): Element | undefined {
  const body = doc.body;
  if (!body || chosen === body) return undefined;
  const chosenChars = textOf(chosen).length;
  const bodyChars = textOf(body).length;
  if (chosenChars * MIN_RUN_OVER_CHOSEN > bodyChars) return undefined;
  const run = largestRun(body);
  if (!run || run.chars < MIN_RUN_OVER_CHOSEN * chosenChars || run.chars < MIN_RUN_SHARE * bodyChars)
    return undefined;
  // Only a widening: content that cannot be placed, or sits far from the run, is never replaced.
  const anchor = locate(body, chosen, keysOf(chosen));
  if (!anchor || anchor === body) return undefined;
  // Readability's copy kept a few blocks of a region that holds the run: the region is the content.
  if (anchor.contains(run.container)) return anchor;
  const joint = commonAncestor(anchor, run.container);
  if (!joint || joint === body) return undefined;
  const jointChars = textOf(joint).length;
  const other = jointChars - run.chars - (run.container.contains(anchor) ? 0 : textOf(anchor).length);
  return other > MAX_OTHER_SHARE * jointChars ? undefined : joint;
}

/**
 * Applies the widening: the root to render, with a `widened:repeated-items` entry when it changed.
 *
 * @example const root = completeListing(document, root, log);
 */
export function completeListing(doc: Document, chosen: Element, log: RemovalLog): Element {
  const widened = widenToRepeatedItems(doc, chosen);
  if (!widened) return chosen;
  log.add(
    "widened:repeated-items",
    describe(widened),
    Math.max(0, textOf(widened).length - textOf(chosen).length),
  );
  return widened;
}
