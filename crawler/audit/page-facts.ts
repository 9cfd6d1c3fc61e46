/**
 * What the audit measures on one fetched page, computed once and read by every check: the
 * extractor's view (clean markdown, metadata, links with regions) plus what only the raw document
 * shows (h1 count, heading levels, landmarks, images and their alt text).
 */
import type { PageLink } from "../../schemas/page.js";
import type { ExtractedPage } from "../extract/extract-page.js";
import { parseWithLinkedom } from "../extract/parse-dom.js";
import { extractInline } from "../extract-pool/extract-pool.js";
import { isHtmlType } from "../fetch/media-type.js";
import { describeGet, type GetResult } from "../fetch/safe-get.js";
import { markdownToPlainText } from "../markdown/plain-text.js";

export interface PageFacts {
  url: string;
  finalUrl: string;
  status: number;
  ms: number;
  bytes: number;
  contentType: string;
  error?: string;
  html: string;
  title: string;
  description: string;
  lang: string;
  canonical?: string;
  jsonLdTypes: string[];
  markdown: string;
  /** Main-text characters (markdown as plain text). */
  textChars: number;
  jsRequired?: string;
  htmlTokens: number;
  markdownTokens: number;
  links: PageLink[];
  /** Heading levels of the raw document, in order. */
  headingLevels: number[];
  h1: number;
  hasMainLandmark: boolean;
  images: number;
  /** `<img>` outerHTML (shortened) of images without an alt attribute. */
  imagesWithoutAlt: string[];
  /**
   * The document can change itself in a browser (a script, an inline event handler, a meta
   * refresh): only such a page can show more text after JavaScript than over plain HTTP.
   */
  scripted: boolean;
}

/** What the audit needs from extracting one document (the crawler's pool gives this and more). */
export interface PageExtraction {
  extracted: ExtractedPage;
  tokens: { html: number; markdown: number };
}

/** Extraction of one document, in this thread or on the crawler's worker pool. */
export type ExtractHtml = (html: string, url: string) => PageExtraction | Promise<PageExtraction>;

/** Elements quoted as evidence are cut here: enough to find them in the source. */
const ELEMENT_CHARS = 120;

/**
 * @example const facts = await pageFacts(await get(url)); facts.h1 // 1
 */
export async function pageFacts(res: GetResult, extract: ExtractHtml = extractInline): Promise<PageFacts> {
  const contentType = res.ok ? (res.media?.type ?? "") : "";
  // An untyped 200 is read as the HTML page it almost always is.
  const isPage = res.ok && res.status === 200 && (!res.media || isHtmlType(res.media));
  const html = isPage ? res.text : "";
  const base: PageFacts = {
    url: res.url,
    finalUrl: res.ok ? res.finalUrl : res.url,
    status: res.ok ? res.status : 0,
    ms: res.ms,
    bytes: res.ok ? res.body.length : 0,
    contentType,
    html,
    title: "",
    description: "",
    lang: "",
    jsonLdTypes: [],
    markdown: "",
    textChars: 0,
    htmlTokens: 0,
    markdownTokens: 0,
    links: [],
    headingLevels: [],
    h1: 0,
    hasMainLandmark: false,
    images: 0,
    imagesWithoutAlt: [],
    scripted: false,
    ...(res.ok ? {} : { error: describeGet(res) }),
  };
  if (!html) return base;
  let extraction: PageExtraction;
  try {
    extraction = await extract(html, base.finalUrl);
  } catch (err) {
    // A page past its extraction budget (EXTRACT_TIMEOUT) is one failed page, not a failed audit.
    return { ...base, error: `extraction failed: ${(err as Error).message}` };
  }
  const { extracted: page, tokens } = extraction;
  const raw = rawStructure(html);
  return {
    ...base,
    ...raw,
    title: page.title,
    description: page.description,
    lang: page.lang,
    ...(page.canonical ? { canonical: page.canonical } : {}),
    jsonLdTypes: page.jsonLdTypes ?? [],
    markdown: page.markdown,
    textChars: markdownToPlainText(page.markdown).length,
    ...(page.jsRequired ? { jsRequired: page.jsRequired } : {}),
    htmlTokens: tokens.html,
    markdownTokens: tokens.markdown,
    links: page.links,
  };
}

/**
 * Main-text characters of an HTML document, as the extractor sees them: what an agent reading the
 * page without (or with) JavaScript gets.
 *
 * @example await mainTextChars("<main><h1>A</h1><p>Hello</p></main>", "http://x/") // 7
 */
export async function mainTextChars(
  html: string,
  url: string,
  extract: ExtractHtml = extractInline,
): Promise<number> {
  return markdownToPlainText((await extract(html, url)).extracted.markdown).length;
}

/** Script types that are data, not code: they never change the page. */
const DATA_SCRIPT =
  /^(application\/(ld\+)?json|importmap|speculationrules|text\/(template|x-template|plain))$/i;

/** An inline event handler, or a meta refresh that sends the browser elsewhere. */
function changesItself(el: Element): boolean {
  // The parser keeps attribute names as written (`onClick`, `HTTP-EQUIV`).
  return el.getAttributeNames().some((raw) => {
    const name = raw.toLowerCase();
    if (name.startsWith("on")) return true;
    return name === "http-equiv" && el.getAttribute(raw)?.trim().toLowerCase() === "refresh";
  });
}

function rawStructure(html: string) {
  const parsed = parseWithLinkedom(html);
  // Unreadable here: assume the worst, so the JavaScript check may still render the page.
  if (!parsed) return { scripted: true };
  const { document } = parsed;
  const headingLevels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) =>
    Number(h.tagName.slice(1)),
  );
  const images = [...document.querySelectorAll("img")];
  const scripted =
    [...document.querySelectorAll("script")].some(
      (s) => !DATA_SCRIPT.test((s.getAttribute("type") ?? "").trim()),
    ) || [...document.querySelectorAll("*")].some(changesItself);
  return {
    headingLevels,
    h1: headingLevels.filter((l) => l === 1).length,
    hasMainLandmark: document.querySelector("main, article, [role=main]") !== null,
    images: images.length,
    imagesWithoutAlt: images
      .filter((img) => !img.hasAttribute("alt"))
      .map((img) => img.outerHTML.slice(0, ELEMENT_CHARS)),
    scripted,
  };
}
