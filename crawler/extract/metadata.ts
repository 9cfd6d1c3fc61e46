/** Title, description, language and canonical URL of a page, from its head (with fallbacks). */
import { textOf } from "./dom-utils.js";
import { resolveHttpUrl } from "./links.js";
import { collapseSpace, stripInvisible } from "./text-hygiene.js";

export interface PageMetadata {
  title: string;
  description: string;
  lang: string;
  canonical?: string;
}

const clean = (s: string | null | undefined): string => stripInvisible(collapseSpace(s ?? "")).text;

function meta(doc: Document, selector: string): string {
  return clean(doc.querySelector(selector)?.getAttribute("content"));
}

/**
 * Reads the metadata: title from `<title>`, else og:title, else the first h1; description from
 * meta description, else og:description; lang from `<html lang>`; canonical from
 * `link[rel=canonical]` (absolute, http(s) only).
 *
 * @example readMetadata(document, "https://x.test/a") // { title: "A", description: "", lang: "en" }
 */
export function readMetadata(doc: Document, baseUrl: string): PageMetadata {
  // An SVG <title> is an icon label, not the page title.
  const titleEl = [...doc.querySelectorAll("title")].find((t) => !t.closest("svg"));
  const title =
    clean(titleEl?.textContent) ||
    meta(doc, 'meta[property="og:title"], meta[name="og:title"]') ||
    clean(textOf(doc.querySelector("h1")));
  const description =
    meta(doc, 'meta[name="description"], meta[name="Description"]') ||
    meta(doc, 'meta[property="og:description"], meta[name="og:description"]');
  const lang = (doc.documentElement?.getAttribute("lang") ?? "").trim();
  const href = doc.querySelector('link[rel~="canonical"][href]')?.getAttribute("href");
  const canonical = href ? resolveHttpUrl(href, baseUrl) : undefined;
  return canonical ? { title, description, lang, canonical } : { title, description, lang };
}
