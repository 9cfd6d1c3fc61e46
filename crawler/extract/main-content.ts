/**
 * Chooses the element whose content becomes the page's markdown. Readability is good at news-style
 * div soup but on docs it drops index/reference pages, tables and code (on some pages it keeps
 * under half the main text). Docs declare their content with `<main>`/`<article>`/`[role=main]`,
 * so the declared region (already cleaned of noise) wins whenever Readability keeps less than 60 %
 * of its text or loses code blocks or tables that the region has. Headings do not count: on news
 * pages the region's extra h3s are teasers.
 */
import { Readability } from "@mozilla/readability";
import { docsSignals, isDocsPage } from "./docs-signals.js";
import { textOf } from "./dom-utils.js";
import { findMainRegion } from "./landmarks.js";

export interface MainContent {
  root: Element;
  source: "readability" | "main-region" | "body";
  /** No docs signals: a news/blog page, where article boilerplate pruning applies. */
  articlePage: boolean;
}

/** Share of the main region's text Readability must keep to be trusted over the region. */
const KEEP_RATIO = 0.6;

/**
 * Without a declared region the body competes only when Readability already holds most of it
 * (the body's surplus is a dropped "See Also" section, not a site menu in undeclared divs, as on
 * Node's and SQLite's docs).
 */
const BODY_KEEP_RATIO = 0.8;

/** Below this, Readability found no article (a caption, a byline) and the region is used. */
const MIN_ARTICLE_CHARS = 140;

/**
 * Readability's scoring walks ancestors for every node: on pathologically deep markup (thousands of
 * nested divs, seen in broken or hostile pages) it takes seconds to minutes. Past this depth the
 * declared region or the body is used instead.
 */
const MAX_READABILITY_DEPTH = 200;

function depthExceeds(root: Element, limit: number): boolean {
  const stack: Array<[Element, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (depth > limit) return true;
    // Sibling links, not `children`: jsdom's live collection costs O(n) per index on a wide element.
    for (let child = el.firstElementChild; child; child = child.nextElementSibling)
      stack.push([child, depth + 1]);
  }
  return false;
}

function runReadability(doc: Document): Element | undefined {
  if (depthExceeds(doc.body, MAX_READABILITY_DEPTH)) return undefined;
  try {
    // Readability mutates the document it reads: give it a copy.
    const copy = doc.cloneNode(true) as Document;
    const article = new Readability<Element>(copy, { serializer: (node) => node as Element }).parse();
    return article?.content ?? undefined;
  } catch {
    return undefined;
  }
}

const headingKey = (h: Element): string =>
  textOf(h)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * Headings (h2–h6) of `candidate` that Readability's article lacks: on docs it drops short,
 * link-only sections such as DocBook's "See Also". The title heading does not count: Readability
 * drops the first h1/h2 that repeats `<title>`, and extract-page restores the title heading anyway.
 */
function lostHeadings(article: Element, candidate: Element, title: string): number {
  const kept = new Set([...article.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(headingKey));
  const headings = [...candidate.querySelectorAll("h2, h3, h4, h5, h6")];
  const titleHeading = headings.find(
    (h) => h.tagName.toLowerCase() === "h2" && headingKey(h).length > 0 && title.includes(headingKey(h)),
  );
  return headings.filter((h) => {
    const key = headingKey(h);
    return key.length > 0 && !kept.has(key) && h !== titleHeading;
  }).length;
}

/**
 * Admonitions (notes, warnings, "See also" boxes, marked by annotate.ts) of `candidate` that the
 * article lacks: Readability drops a short box whose text is mostly links as link-heavy clutter.
 */
function lostAdmonitions(article: Element, candidate: Element): number {
  const selector = "[data-aw-admonition]";
  return candidate.querySelectorAll(selector).length - article.querySelectorAll(selector).length;
}

/** Share of an element's text inside links (a body with a site menu has far more than its article). */
function linkShare(el: Element): number {
  const total = textOf(el).length;
  if (total === 0) return 0;
  let links = 0;
  for (const a of el.querySelectorAll("a")) links += textOf(a).length;
  return links / total;
}

function structureCount(el: Element): number {
  return el.querySelectorAll("pre, table").length;
}

/**
 * Picks the content root: Readability's article, the declared main region, or the body.
 *
 * @example selectMainContent(document).source // "main-region"
 */
export function selectMainContent(doc: Document): MainContent {
  const body = doc.body;
  const region = findMainRegion(doc);
  const docs = docsSignals(doc, region);
  const articlePage = !isDocsPage(docs);
  const article = runReadability(doc);
  const articleChars = article ? textOf(article).length : 0;
  const title = headingKey(doc.querySelector("title") ?? doc.createElement("title"));
  if (region) {
    const regionChars = textOf(region).length;
    // An article page (no code, definition lists or header tables, no docs generator): the region's
    // surplus over Readability is teasers and comments, so Readability wins unless it found nothing.
    if (articlePage) {
      return article && articleChars >= MIN_ARTICLE_CHARS
        ? { root: article, source: "readability", articlePage }
        : { root: region, source: "main-region", articlePage };
    }
    if (
      !article ||
      articleChars < KEEP_RATIO * regionChars ||
      structureCount(article) < structureCount(region) ||
      lostHeadings(article, region, title) > 0 ||
      lostAdmonitions(article, region) > 0
    ) {
      return { root: region, source: "main-region", articlePage };
    }
    return { root: article, source: "readability", articlePage };
  }
  // No declared region: on a docs page the cleaned body competes with Readability the same way.
  if (article && articleChars > 0) {
    const bodyWins =
      !articlePage &&
      (structureCount(article) < structureCount(body) ||
        lostHeadings(article, body, title) > 0 ||
        lostAdmonitions(article, body) > 0) &&
      articleChars >= BODY_KEEP_RATIO * textOf(body).length &&
      linkShare(body) <= linkShare(article) + 0.1;
    if (!bodyWins) return { root: article, source: "readability", articlePage };
  }
  return { root: body, source: "body", articlePage };
}
