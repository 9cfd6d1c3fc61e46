/**
 * Every `<a href>` of the page as an absolute http(s) URL with its region (main content,
 * navigation chrome, or other), collected before noise removal so that navigation links still
 * feed the crawl frontier.
 */
import type { PageLink } from "../../schemas/page.js";
import { textOf } from "./dom-utils.js";
import { isNavContainer } from "./landmarks.js";
import { stripInvisible } from "./text-hygiene.js";

/**
 * Resolves `href` against `base`; undefined unless the result is http(s).
 *
 * @example resolveHttpUrl("../a.html", "https://x.test/docs/b/") // "https://x.test/docs/a.html"
 */
export function resolveHttpUrl(href: string, base: string): string | undefined {
  const trimmed = href.trim();
  if (!trimmed || /^(javascript|mailto|tel|data|blob|about):/i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The base URL for relative links: `<base href>` resolved against the page URL, else the page URL.
 *
 * @example baseUrlOf(document, "https://x.test/a/b.html") // "https://x.test/a/b.html"
 */
export function baseUrlOf(doc: Document, pageUrl: string): string {
  const href = doc.querySelector("base[href]")?.getAttribute("href");
  if (href) {
    const resolved = resolveHttpUrl(href, pageUrl);
    if (resolved) return resolved;
  }
  return pageUrl;
}

function regionOf(a: Element, mainRegion: Element | null): PageLink["region"] {
  for (let cur: Element | null = a; cur; cur = cur.parentElement) {
    if (isNavContainer(cur)) return "nav";
    if (cur === mainRegion) return "main";
  }
  return "other";
}

/**
 * How many list items (`li`) and definition lists (`dl`, DocBook's tables of contents) enclose the
 * link: the nesting of a table of contents.
 */
function listDepth(a: Element): number {
  let depth = 0;
  for (let cur = a.parentElement; cur; cur = cur.parentElement)
    if (cur.tagName === "LI" || cur.tagName === "DL") depth++;
  return depth;
}

/**
 * The label of the list item that holds the link's list, when that label is plain text (a sidebar
 * group title such as `<p>Core concepts</p>`), not a link of its own.
 */
function groupLabel(a: Element): string {
  const own = a.closest("li");
  const parent = own?.parentElement?.closest("li");
  if (!parent) return "";
  for (const child of parent.children) {
    if (/^(UL|OL|DL)$/.test(child.tagName)) break;
    if (child.matches("a[href]") || child.querySelector("a[href]")) return "";
    const text = stripInvisible((child.textContent ?? "").replace(/\s+/g, " ").trim()).text;
    if (text) return text.slice(0, 120);
  }
  return "";
}

function linkText(a: Element): string {
  const text =
    textOf(a) ||
    a.getAttribute("aria-label") ||
    a.querySelector("img[alt]")?.getAttribute("alt") ||
    a.getAttribute("title") ||
    "";
  return stripInvisible(text.replace(/\s+/g, " ").trim()).text;
}

/**
 * Collects the page's links. `mainRegion` is the declared main region (links inside it are
 * "main" unless they sit in a nav container within it).
 *
 * @example collectLinks(document, "https://x.test/", main) // [{ url, text, region: "nav" }, …]
 */
export function collectLinks(doc: Document, baseUrl: string, mainRegion: Element | null): PageLink[] {
  const links: PageLink[] = [];
  for (const a of doc.querySelectorAll("a[href]")) {
    const url = resolveHttpUrl(a.getAttribute("href") ?? "", baseUrl);
    if (!url) continue;
    const depth = listDepth(a);
    const group = depth > 1 ? groupLabel(a) : "";
    links.push({
      url,
      text: linkText(a),
      region: regionOf(a, mainRegion),
      ...(depth ? { depth } : {}),
      ...(group ? { group } : {}),
    });
  }
  return links;
}
