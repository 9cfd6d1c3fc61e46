/**
 * One page: HTML → metadata, links, clean markdown, headings, and a report of what was removed.
 *
 * Order matters: metadata and JavaScript signals are read from the untouched document; the
 * hidden-content guard runs before anything reads text; links are collected before the noise
 * rules remove navigation; a title set in a styled block is promoted to the h1 after them (so a
 * removed menu does not count as text before it); Readability and the declared main region then
 * compete for the content (main-content.ts); the completeness guard widens a choice that kept one
 * of several sibling sections and reports what stays out (completeness.ts), and a choice that is a
 * small part beside a listing's run of alike items (repeated-items.ts); turndown renders it
 * (markdown/). linkedom parses first; jsdom re-runs the whole pipeline when linkedom's result is
 * empty or thin. A page whose content is its `<noscript>` fallback has it unwrapped before the
 * guard (noscript-content.ts).
 */
import type { Heading, PageLink, Removal } from "../../schemas/page.js";
import { markdownToMainText, markdownToPlainText } from "../markdown/plain-text.js";
import { toMarkdown } from "../markdown/to-markdown.js";
import { annotate } from "./annotate.js";
import { applyNoiseRules } from "./apply-noise-rules.js";
import {
  markArticleBoilerplate,
  pruneArticleBoilerplate,
  pruneMarkedCaptions,
} from "./article-boilerplate.js";
import { completeContent } from "./completeness.js";
import { flattenDeepMarkup } from "./deep-markup.js";
import { docsSignals, isDocsPage } from "./docs-signals.js";
import { tagOf, textOf } from "./dom-utils.js";
import { flattenDeepNesting } from "./flatten-deep.js";
import { removeHiddenContent } from "./hidden-content.js";
import { findMainRegion } from "./landmarks.js";
import { baseUrlOf, collectLinks } from "./links.js";
import { type MainContent, selectMainContent } from "./main-content.js";
import { readMetadata } from "./metadata.js";
import { collectJsSignals, needsJavaScript } from "./needs-javascript.js";
import { unwrapContentNoscript } from "./noscript-content.js";
import {
  type ParsedDocument,
  parseWithJsdom,
  parseWithLinkedom,
  roughTextLength,
  sanitizeHtmlInput,
} from "./parse-dom.js";
import { RemovalLog } from "./removal-log.js";
import { completeListing, isListing } from "./repeated-items.js";
import { readStructuredMetadata, type StructuredMetadata } from "./structured-metadata.js";
import { labelTabPanels } from "./tab-labels.js";
import { stripInvisible } from "./text-hygiene.js";
import { promoteTitleBlock } from "./title-block.js";

export interface ExtractedPage extends StructuredMetadata {
  title: string;
  description: string;
  lang: string;
  /** `link[rel=canonical]`, absolute. */
  canonical?: string;
  /** Clean main content; starts with "# <h1 text>" when the page has an h1. */
  markdown: string;
  /** Plain main text: the markdown's prose without the title heading and images (markdownToMainText). */
  text?: string;
  /** Every `<a href>` (absolute http(s)), with its region. */
  links: PageLink[];
  /** Headings of the markdown in order. */
  headings: Heading[];
  /** What was dropped and why. */
  removed: Removal[];
  /** Set when the content evidently needs JavaScript (the reason); markdown is then "". */
  jsRequired?: string;
  /** Which candidate became the content (for diagnostics and the benchmark). */
  contentSource?: MainContent["source"];
}

/**
 * Input cap: extraction is roughly linear but costs ~1 s per MB of real docs markup, and a hostile
 * or broken page can be arbitrarily large. The largest real page seen (Node's all-in-one API page)
 * is 5.9 MB; past this many characters the rest of the page is dropped and reported.
 */
export const MAX_HTML_CHARS = 6_000_000;

/** Below this many readable characters a linkedom result is re-checked with jsdom. */
const THIN_CHARS = 200;

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * The page's title heading: its h1, else (DocBook, some CMSs) the first h2 whose text is contained
 * in `<title>` — Readability drops a heading that repeats the title, and the title heading always
 * leads the markdown.
 */
function titleHeading(doc: Document, title: string): Element | undefined {
  const region = findMainRegion(doc);
  const scope = region ?? doc.body;
  if (!scope) return undefined;
  const wanted = norm(title);
  // A heading the <title> repeats, outside the site banner (Node's docs put the site name in a
  // header h1 and the page's own title in an h2).
  const inTitle = [...scope.querySelectorAll("h1, h2")].find((h) => {
    const text = norm(textOf(h));
    return text.length > 0 && wanted.includes(text) && !h.closest("header, [role=banner]");
  });
  const h1 = scope.querySelector("h1") || undefined;
  if (inTitle && (tagOf(inTitle) === "h1" || !h1 || h1.closest("header, [role=banner]"))) return inTitle;
  return h1;
}

function extractFromDocument(doc: Document, pageUrl: string): ExtractedPage {
  const log = new RemovalLog();
  const base = baseUrlOf(doc, pageUrl);
  const meta = readMetadata(doc, base);
  const structured = readStructuredMetadata(doc);
  const js = collectJsSignals(doc);
  // After the signals (a content fallback still says the page was built for scripts).
  unwrapContentNoscript(doc, log);
  removeHiddenContent(doc, log);
  // The text a reader sees before any cleaning: a page with real text does not need JavaScript.
  const visibleChars = textOf(doc.body).length;
  // After the guard: a flattened subtree keeps its text, which must not include hidden text.
  flattenDeepNesting(doc.body, log);
  annotate(doc.body);
  labelTabPanels(doc);
  const declaredMain = findMainRegion(doc);
  const links = collectLinks(doc, base, declaredMain);
  applyNoiseRules(doc, log, declaredMain);
  // A title set in a styled block (<div class="fancy_title">) becomes the h1 it stands for.
  if (doc.body) promoteTitleBlock(declaredMain ?? doc.body, meta.title);
  const h1 = titleHeading(doc, meta.title);
  markArticleBoilerplate(doc.body);
  if (!isDocsPage(docsSignals(doc, findMainRegion(doc)))) pruneMarkedCaptions(doc.body, log);
  const content = selectMainContent(doc);
  const completed = completeContent(doc, content.root, log);
  // A listing is no article: its cards are the content, not boilerplate beside it.
  const root = content.articlePage ? completeListing(doc, completed, log) : completed;
  if (content.articlePage && root !== doc.body && root === completed && !isListing(root))
    pruneArticleBoilerplate(root, log, [h1 ? textOf(h1) : "", meta.title]);
  let { markdown, headings } = toMarkdown(root, { baseUrl: base });

  // Readability drops an h1 equal to <title>; the page's real h1 always leads the markdown.
  const h1Text = h1 ? stripInvisible(textOf(h1)).text.replace(/[¶🔗]/gu, "").trim() : "";
  const level = h1 ? Number(h1.getAttribute("data-aw-level") ?? "1") || 1 : 1;
  const present = headings.some((h) => h.level === 1 || (h.level === level && norm(h.text) === norm(h1Text)));
  if (h1Text && !present) {
    const anchor = h1?.getAttribute("data-aw-anchor") ?? undefined;
    markdown = `${"#".repeat(level)} ${h1Text}\n\n${markdown}`;
    headings = [anchor ? { level, text: h1Text, anchor } : { level, text: h1Text }, ...headings];
  }

  const readableChars = markdownToPlainText(markdown).length;
  const jsRequired = needsJavaScript(js, readableChars, visibleChars);
  const page: ExtractedPage = {
    ...meta,
    ...structured,
    title: meta.title || h1Text,
    markdown: jsRequired ? "" : markdown,
    text: jsRequired ? "" : markdownToMainText(markdown, h1Text || undefined),
    links,
    headings: jsRequired ? [] : headings,
    removed: log.toArray(),
    contentSource: content.source,
  };
  if (jsRequired) page.jsRequired = jsRequired;
  return page;
}

/**
 * Extracts from one parsed document. A rule that throws is a bug to see, not a page to hide: its
 * error comes back (as an `error:extract` removal naming it) instead of an empty page.
 */
function runOn(parsed: ParsedDocument | undefined, pageUrl: string): ExtractedPage | Removal | undefined {
  if (!parsed) return undefined;
  try {
    return extractFromDocument(parsed.document, pageUrl);
  } catch (err) {
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { reason: "error:extract", target: what.split("\n")[0]!.slice(0, 300), chars: 0 };
  } finally {
    parsed.dispose();
  }
}

const isRemoval = (r: ExtractedPage | Removal | undefined): r is Removal => r !== undefined && "reason" in r;

function emptyPage(reason: string, chars: number): ExtractedPage {
  return {
    title: "",
    description: "",
    lang: "",
    markdown: "",
    text: "",
    links: [],
    headings: [],
    removed: chars > 0 ? [{ reason, target: "document", chars }] : [],
  };
}

/**
 * Extracts one page. Never throws: unparseable input gives an empty page whose `removed` says why,
 * and a rule that threw is listed there as `error:extract` with its error.
 *
 * @example
 * const page = extractPage(html, "https://docs.example.com/guide/install.html");
 * page.markdown;  // "# Install\n\nRun `npm i`…"
 * page.removed;   // [{ reason: "noise:navigation", target: "nav.sidebar", chars: 1830 }, …]
 */
export function extractPage(html: string, pageUrl: string): ExtractedPage {
  const { html: capped, droppedChars } = capInput(typeof html === "string" ? html : "");
  const shallow = flattenDeepMarkup(capped);
  const input = sanitizeHtmlInput(shallow.html);
  const first = runOn(parseWithLinkedom(input), pageUrl);
  const errors = isRemoval(first) ? [first] : [];
  let page = isRemoval(first) ? undefined : first;
  const plainChars = page ? markdownToPlainText(page.markdown).length : 0;
  const rough = roughTextLength(input);
  // linkedom is not a full HTML5 parser: an empty or thin result on a page with text gets a second
  // opinion from jsdom, and the richer result wins.
  const thin = page && !page.jsRequired && (plainChars < THIN_CHARS || plainChars < 0.02 * rough);
  if (!page || ((thin || page.jsRequired) && rough >= 5 * THIN_CHARS)) {
    const second = runOn(parseWithJsdom(input, pageUrl), pageUrl);
    if (isRemoval(second)) errors.push(second);
    else if (second && (!page || markdownToPlainText(second.markdown).length > plainChars)) page = second;
  }
  // A rule's error is reported as such, never as an empty page (the crawler fails the page on it).
  page ??= emptyPage("error:unparseable", errors.length ? 0 : input.length);
  page.removed.push(...errors);
  if (droppedChars > 0)
    page.removed.push({ reason: "limit:input-truncated", target: "document", chars: droppedChars });
  if (shallow.dropped > 0)
    page.removed.push({ reason: "limit:deep-nesting-flattened", target: "document", chars: shallow.dropped });
  return page;
}

/** Cuts oversized input at the last tag boundary before MAX_HTML_CHARS. */
function capInput(html: string): { html: string; droppedChars: number } {
  if (html.length <= MAX_HTML_CHARS) return { html, droppedChars: 0 };
  const cut = html.lastIndexOf("<", MAX_HTML_CHARS);
  const end = cut > MAX_HTML_CHARS / 2 ? cut : MAX_HTML_CHARS;
  return { html: html.slice(0, end), droppedChars: html.length - end };
}
