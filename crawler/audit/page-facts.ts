/**
 * What the audit measures on one fetched page, computed once and read by every check: the
 * extractor's view (clean markdown, metadata, links with regions) plus what only the raw document
 * shows (h1 count, heading levels, landmarks, images and their alt text).
 */
import type { PageLink } from "../../schemas/page.js";
import { countTokens } from "../../schemas/tokens.js";
import { extractPage } from "../extract/extract-page.js";
import { parseWithLinkedom } from "../extract/parse-dom.js";
import { markdownToPlainText } from "../markdown/plain-text.js";
import type { AuditResponse } from "./audit-fetch.js";

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
}

/** Elements quoted as evidence are cut here: enough to find them in the source. */
const ELEMENT_CHARS = 120;

/**
 * @example const facts = pageFacts(await get(url)); facts.h1 // 1
 */
export function pageFacts(res: AuditResponse): PageFacts {
  const contentType = (res.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const html = res.status === 200 && /html/.test(contentType || "text/html") ? res.body.toString("utf8") : "";
  const base: PageFacts = {
    url: res.url,
    finalUrl: res.finalUrl,
    status: res.status,
    ms: res.ms,
    bytes: res.body.length,
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
    ...(res.error ? { error: res.error } : {}),
  };
  if (!html) return base;
  const page = extractPage(html, res.finalUrl);
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
    htmlTokens: countTokens(html),
    markdownTokens: countTokens(page.markdown),
    links: page.links,
  };
}

/**
 * Main-text characters of an HTML document, as the extractor sees them: what an agent reading the
 * page without (or with) JavaScript gets.
 *
 * @example mainTextChars("<main><h1>A</h1><p>Hello</p></main>", "http://x/") // 7
 */
export function mainTextChars(html: string, url: string): number {
  return markdownToPlainText(extractPage(html, url).markdown).length;
}

function rawStructure(html: string) {
  const parsed = parseWithLinkedom(html);
  if (!parsed) return {};
  const { document } = parsed;
  const headingLevels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) =>
    Number(h.tagName.slice(1)),
  );
  const images = [...document.querySelectorAll("img")];
  return {
    headingLevels,
    h1: headingLevels.filter((l) => l === 1).length,
    hasMainLandmark: document.querySelector("main, article, [role=main]") !== null,
    images: images.length,
    imagesWithoutAlt: images
      .filter((img) => !img.hasAttribute("alt"))
      .map((img) => img.outerHTML.slice(0, ELEMENT_CHARS)),
  };
}
