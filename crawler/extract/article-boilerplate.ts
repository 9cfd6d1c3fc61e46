/**
 * Article boilerplate: on news and blog pages the chosen content still carries what a reader skips
 * — bylines and timestamps, photo captions and credits, "Related:"/"Don't miss" link blocks,
 * copyright lines. Readability strips class names, so candidates are marked (`data-aw-boiler`)
 * on the whole page BEFORE the main content is chosen, and pruned from the chosen root after.
 * Only applied to article pages (no docs signals, see docs-signals.ts): on docs, a list of links
 * is an index page's content and a caption labels a diagram.
 */
import { describe, tagOf, textOf, tokensOf } from "./dom-utils.js";
import type { RemovalLog } from "./removal-log.js";

/** Class/id tokens of bylines, datelines and timestamps. */
const BYLINE =
  /(^|[-_])(byline|bylines|dateline|timestamp|author-?name|author-?info|post-?meta|article-?meta|entry-?meta|publish-?date|pub-?date)($|[-_])/i;
/** Class/id tokens of photo captions and credits. */
const CAPTION =
  /(^|[-_])(caption|captions|wp-caption-text|credit|credits|image-?credit|photo-?credit)($|[-_])/i;
/** Caption and credit parts of a camel-case class ("InlineImage-imageEmbedCaption", "imageCredit"). */
const CAPTION_CAMEL = /[a-z](Caption|Credit)s?$/;
/** Class/id tokens of the author box under an article (a bio, a portrait, "more by"). */
const AUTHOR_BIO =
  /(^|[-_])(author-?(bio|box|content|details|excerpt|text|card|about)|about-?(the-?)?author|post-?author|entry-?author-?bio|bio)($|[-_])/i;
/** Class/id tokens of related, recommended and trending story lists. */
const RELATED =
  /(^|[-_])(related|trending|most-?(read|popular|viewed)|more-?stories|recommended|recirc|outbrain|taboola)($|[-_])/i;
/** Class/id of the heading over a related-stories block, also glued ("relatedpoststitle"). */
const RELATED_HEADING = /^related|[-_]related/i;
/** Heading text over a list of other stories. */
const RELATED_HEADING_TEXT =
  /^(related( (articles|stories|posts|content|coverage|links|reading))?|more (from|on|in|stories|news|articles)\b.{0,40}|read (more|next|also)|you (may|might) (also )?(like|enjoy)|recommended( for you| stories)?|trending( now| stories)?|most (read|popular|viewed|shared)|(other|latest|popular|top) (stories|articles|posts|news))\W*$/i;
/** Short blocks that only announce a list of other stories. */
const LABEL =
  /^(related( (articles|stories|posts|content|coverage|links))?|see (more|also)|don'?t miss|more (from|on|stories|news)|read (more|next|also)|you (may|might) (also )?like|recommended( for you)?|trending( now)?|most (read|popular)|tags?|topics?|advertisement|advert|sponsored( content)?|share (this|on)|follow us|sign up.*newsletter|subscribe.*|(\d+ )?comments( \(\d+\))?|(post|add|leave|write) (a |your )?(comment|reply)|tell us what you think|join the (discussion|conversation))\W*$/i;
/** A paragraph that introduces another story ("Related:", "READ MORE:", "On Chron.com:"). */
const RELATED_PREFIX =
  /^(related|read (more|also|next)|see (also|more)|more|watch|listen|also|don'?t miss|on [\w.]+)\b[^:]{0,30}:|^(related( stories| articles)?|read (more|also|next)|don['’]?t miss|more on this)\b(?![^.!?]{0,40}[.!?]\s)/i;
/** A kind tag after a teaser link ("… jibe [INSIGHT]", "[VIDEO]", "[PICS]"): part of the link list. */
const TEASER_TAG = /\[[\p{Lu}\d ]{2,20}\]/gu;
/** A WordPress shortcode left unrendered ("[button link=…]Send us your review[/button]"). */
const SHORTCODE = /^\[(\w+)[^\]]*\][\s\S]*\[\/\1\]$/;
/** A notice for readers without JavaScript. */
const JS_NOTICE =
  /^(this (slideshow|gallery|video|content|feature|page|embed) requires javascript|(please )?enable javascript\b.*|javascript is (disabled|required)\b.*)\.?$/i;
/** Photo credits and captions recognisable by their words ("Photo: AP", "(Image: Getty)", "…Credit: EPA"). */
const CREDIT_TEXT =
  /^(photo|image|picture|foto|video|graphic)s?\s*(:|by\b)|\((photo|image|picture)s?:[^)]{0,80}\)$|\b(credit|photograph)s?:\s*[^.]{0,80}$/i;
/** A year, in a dateline. */
const YEAR = /\b(1[89]\d\d|20\d\d)\b/;
/** Prompts to follow the author or the site elsewhere, or to join its forum (at the foot of an article). */
const FOLLOW =
  /\bfollow (us|him|her|them|me)\b[^.]{0,40}\b(twitter|facebook|instagram|linkedin|@\w)|\bjoin our\b[^.]{0,40}\b(forums?|community|discussion)\b/i;
/** Gallery and player controls left as text. */
const GALLERY_UI =
  /^((image|photo|slide|picture) \d+ (of|\/)[\s/]*\d*|(show|hide|toggle) caption|caption|close|expand|enlarge|fullscreen|next|previous|play|pause|\d+ (photos|images))$/i;
/** Newsletter and subscription prompts. */
const NEWSLETTER = /\b(newsletter|subscribe|sign up|inbox|every (day|week) we send)\b/i;
/** Legal lines at the foot of an article. */
const LEGAL =
  /(©|\bcopyright\b|all rights reserved|subject to copyright|may not be (re)?published|without (the )?(prior )?(written )?permission)/i;
/** Lines that are only a byline or a timestamp. */
const BYLINE_TEXT =
  /^(by\s+[\p{Lu}][\p{L}.'-]+(\s+[\p{Lu}][\p{L}.'-]+){0,3}\b|((first|originally) )?(published|updated|posted|last (updated|modified))\b[:\s])/iu;
/** A line that ends like a sentence; a time ("11:08 a.m.") is not a sentence end. */
const SENTENCE_END = /(?<!\b[ap]\.m)[.!?]["”’]?$/i;

/** A title shorter than this ("News", "Home") may be a section label: never pruned as a repeat. */
const MIN_TITLE_CHARS = 15;

/** What must remain of the article for a related-stories block larger than the guard to go. */
const MIN_STORY_CHARS = 500;

const BLOCKS = "p, li, ul, ol, div, section, aside, figcaption, h2, h3, h4, h5, h6, span, time";

/**
 * Marks boilerplate candidates by class/id (they do not survive Readability).
 *
 * @example markArticleBoilerplate(document.body) // <div class="byline" data-aw-boiler="byline">
 */
export function markArticleBoilerplate(body: Element): void {
  for (const el of body.querySelectorAll("[class], [id]")) {
    const tokens = classTokens(el);
    if (tokens.length === 0) continue;
    const tag = tagOf(el);
    if (tag === "body" || tag === "main" || tag === "article" || tag === "html") continue;
    const kind = tokens.some((t) => BYLINE.test(t))
      ? "byline"
      : tokens.some((t) => CAPTION.test(t) || CAPTION_CAMEL.test(t))
        ? "caption"
        : tokens.some((t) => AUTHOR_BIO.test(t))
          ? "author-bio"
          : tokens.some((t) => RELATED.test(t))
            ? "related"
            : undefined;
    if (kind) markDown(el, kind);
  }
  for (const el of body.querySelectorAll("figcaption")) el.setAttribute("data-aw-boiler", "caption");
  // A block that opens with a "Related stories" heading is the list of other stories.
  for (const h of body.querySelectorAll("h2, h3, h4, h5, h6")) {
    const parent = h.parentElement;
    if (!parent || parent.firstElementChild !== h || /^(body|main|html)$/.test(tagOf(parent))) continue;
    const text = textOf(h);
    if (
      classTokens(h).some((t) => RELATED_HEADING.test(t)) ||
      (text.length <= 60 && RELATED_HEADING_TEXT.test(text))
    )
      if (!parent.querySelector("h1")) parent.setAttribute("data-aw-boiler", "related-list");
  }
}

/**
 * Marks `el` and its only-child chain: Readability replaces a div that holds nothing but one
 * paragraph with that paragraph, and the mark must survive the swap.
 */
function markDown(el: Element, kind: string): void {
  let cur: Element | undefined = el;
  while (cur) {
    if (!cur.hasAttribute("data-aw-boiler")) cur.setAttribute("data-aw-boiler", kind);
    const only: Element | undefined = cur.children.length === 1 ? cur.children[0] : undefined;
    const ownText = [...cur.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? "").trim() !== "");
    cur = only && !ownText ? only : undefined;
  }
}

/**
 * Class and id tokens, without a heading's id: that is a slug of its text ("What is a recommended
 * storage format?" gets `what_is_a_recommended_storage_format_`), not a role.
 */
function classTokens(el: Element): string[] {
  return /^h[1-6]$/.test(tagOf(el))
    ? (el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean)
    : tokensOf(el);
}

function linkChars(el: Element): number {
  let n = 0;
  for (const a of el.querySelectorAll("a")) n += textOf(a).length;
  return n;
}

/** The kind of a block marked by class, within that kind's size limit. */
function markedReason(el: Element, text: string): string | undefined {
  const marked = el.getAttribute("data-aw-boiler");
  if (marked === "byline" && text.length <= 200) return "byline";
  if (marked === "caption" && text.length <= 1000) return "caption";
  if (marked === "author-bio" && text.length <= 1500) return "author-bio";
  if (marked === "related" || marked === "related-list") return marked;
  return undefined;
}

/**
 * Removes captions and credits marked by class from the whole page before the main content is
 * chosen: Readability merges a caption and its credit into one new paragraph without the mark.
 * Only captions: removing bylines or related lists first changed Readability's choice of content
 * on some pages (a blog post lost to its comments). Never a block holding the h1 or more
 * than 30 % of the page's text.
 *
 * @example pruneMarkedCaptions(document.body, log)
 */
export function pruneMarkedCaptions(body: Element, log: RemovalLog): void {
  const total = textOf(body).length;
  for (const el of [...body.querySelectorAll('[data-aw-boiler="caption"]')]) {
    if (!el.parentNode || !body.contains(el) || el.querySelector("h1")) continue;
    const text = textOf(el);
    if (text.length > 0.3 * total || markedReason(el, text) !== "caption") continue;
    log.add("boilerplate:caption", describe(el), text.length);
    el.remove();
  }
}

/** Why a block of an article is boilerplate, or undefined. */
function boilerReason(el: Element, isLast: boolean): string | undefined {
  const text = textOf(el);
  const marked = markedReason(el, text);
  if (marked) return marked;
  if (text.length === 0) return undefined;
  const tag = tagOf(el);
  if (text.length <= 60 && LABEL.test(text)) return "related-label";
  if (text.length <= 40 && GALLERY_UI.test(text)) return "gallery-ui";
  if (text.length <= 300 && SHORTCODE.test(text)) return "shortcode";
  if (text.length <= 120 && JS_NOTICE.test(text)) return "js-notice";
  if (text.length <= 200 && CREDIT_TEXT.test(text) && tag !== "li") return "caption";
  if (text.length <= 250 && NEWSLETTER.test(text) && /^(p|div|section|aside|h[2-6])$/.test(tag))
    return "newsletter";
  if (text.length <= 160 && BYLINE_TEXT.test(text) && !SENTENCE_END.test(text)) return "byline";
  if (text.length <= 80 && !/^h[1-6]$/.test(tag) && isDateLine(text)) return "dateline";
  if (text.length <= 300 && FOLLOW.test(text) && isLast && /^(p|div|span)$/.test(tag)) return "follow-prompt";
  if (text.length <= 400 && (tag === "p" || tag === "div" || tag === "span") && LEGAL.test(text) && isLast)
    return "legal";
  // A block that is mostly links is a related-stories list, not prose. A paragraph must be all
  // link (a headline) or start with a "Related:" style label: "Read [the guide](…)." is prose.
  if (/^(p|li|ul|ol|div|section|aside)$/.test(tag) && text.length <= 600) {
    const links = linkChars(el);
    const share = tag === "p" && !RELATED_PREFIX.test(text) ? 0.9 : 0.6;
    // Prose with many inline links (or link hover cards) keeps its own words between the links.
    const own = text.replace(TEASER_TAG, "").length;
    if (links >= share * own && own - links <= 100) return "link-block";
  }
  return undefined;
}

/**
 * Removes article boilerplate from the chosen content root (in place) and logs it as
 * `boilerplate:<kind>`.
 *
 * @example pruneArticleBoilerplate(articleRoot, log)
 */
export function pruneArticleBoilerplate(root: Element, log: RemovalLog, titles: string[] = []): void {
  const total = textOf(root).length;
  const titleKeys = titleVariants(titles);
  const blocks = [...root.querySelectorAll(`${BLOCKS}, [data-aw-boiler]`)];
  const lastText = tailText(root);
  pruneTeaserCards(root, log, total);
  for (const el of blocks) {
    if (!el.parentNode || !root.contains(el)) continue;
    const text = textOf(el);
    // Never prune most of the article: a link-heavy page may really be a list. A block under a
    // "Related stories" heading may be most of the text (teasers with excerpts) when a story remains.
    const related =
      el.getAttribute("data-aw-boiler") === "related-list" && total - text.length >= MIN_STORY_CHARS;
    if (text.length > 0.3 * total && !related) continue;
    const reason = isTitleRepeat(el, text, titleKeys) ? "title-repeat" : boilerReason(el, lastText.has(el));
    if (!reason) continue;
    log.add(`boilerplate:${reason}`, describe(el), text.length);
    el.remove();
  }
}

/**
 * True for a line holding a year, another number (a day, a time) and at most six words (weekday,
 * month, "às", "at"), without a sentence end: a dateline ("18 Nov 2019,", "segunda-feira, 22 de
 * outubro de 2010 às 20:13"). A tweet's signature ("— Jane (@jane) May 4, 2019") is quoted content,
 * and a label ending in a colon or naming a version ("Changes in version 3.10.0 (2016-01-06):")
 * introduces content.
 */
function isDateLine(text: string): boolean {
  if (!YEAR.test(text) || SENTENCE_END.test(text) || /@|^\W*[—–-]|:$|\d+\.\d+\.\d+/.test(text)) return false;
  const numbers = text.match(/\d+/g) ?? [];
  const words = text.match(/\p{L}+/gu) ?? [];
  return numbers.length >= 2 && words.length <= 6;
}

const normTitle = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** The title heading and `<title>`, whole and split at its site-name separators (" | ", " - "). */
function titleVariants(titles: string[]): Set<string> {
  const out = new Set<string>();
  for (const title of titles) {
    for (const part of [title, ...title.split(/\s+[|–—:-]+\s+/)]) {
      const key = normTitle(part);
      if (key.length >= MIN_TITLE_CHARS) out.add(key);
    }
  }
  return out;
}

/**
 * A copy of the headline inside the story (a print or share header, a kicker block): the title is
 * its own field and leads the markdown as its heading.
 */
function isTitleRepeat(el: Element, text: string, titleKeys: Set<string>): boolean {
  // A heading with an anchor is left alone: on docs pages classed as articles (SQLite's) it may be
  // the first section, whose anchor citations point at.
  const tag = tagOf(el);
  if (titleKeys.size === 0 || text.length > 300 || !/^(p|div|span|h[2-6])$/.test(tag)) return false;
  if (tag[0] === "h" && el.hasAttribute("id")) return false;
  return titleKeys.has(normTitle(text));
}

/**
 * Story cards: two or more small `<article>` elements beside the story (a grid of other stories
 * with kicker, linked headline and summary), each under 20 % of the content, none holding the h1,
 * with MIN_STORY_CHARS of story left outside them. Live-blog entries have no linked headline.
 */
function pruneTeaserCards(root: Element, log: RemovalLog, total: number): void {
  const cards = [...root.querySelectorAll("article")].filter(
    (a) => !a.querySelector("h1, article") && textOf(a).length <= 0.2 * total && isTeaser(a),
  );
  if (cards.length < 2) return;
  const cardChars = cards.reduce((sum, a) => sum + textOf(a).length, 0);
  if (total - cardChars < MIN_STORY_CHARS) return;
  for (const card of cards) {
    log.add("boilerplate:teaser-card", describe(card), textOf(card).length);
    card.remove();
  }
}

/** A card whose headline is a link to another page, or that is mostly links (not a live-blog entry). */
function isTeaser(card: Element): boolean {
  const text = textOf(card).length;
  if (text > 0 && linkChars(card) >= 0.5 * text) return true;
  return [...card.querySelectorAll("h2, h3, h4, h5, h6")].some((h) => {
    const chars = textOf(h).length;
    return chars > 0 && linkChars(h) >= 0.8 * chars;
  });
}

/** The last few text blocks of the root (where legal lines sit). */
function tailText(root: Element): Set<Element> {
  const paragraphs = [...root.querySelectorAll("p, div, span")].filter((e) => textOf(e).length > 0);
  return new Set(paragraphs.slice(-6));
}
