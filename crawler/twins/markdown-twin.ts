/**
 * Markdown twins: a page's markdown published next to it (`page.html.md`, `index.html.md`, a
 * `<link rel="alternate" type="text/markdown">`, or an `.md` URL listed in llms.txt). The twin is
 * the site's own clean text, so it is preferred over our extraction, but only when it is really
 * the same page (its title matches the HTML's).
 */
import { mdTwinUrl } from "../llms-txt/md-twin.js";

/** Pages probed for `.md` twins before a site without any is given up on. */
export const TWIN_PROBE_PAGES = 3;

/**
 * The `href` of `<link rel="alternate" type="text/markdown">`, resolved against the page URL.
 *
 * @example alternateMarkdownHref('<link rel="alternate" type="text/markdown" href="a.md">', "https://x.dev/d/a") // "https://x.dev/d/a.md"
 */
export function alternateMarkdownHref(html: string, pageUrl: string): string | undefined {
  for (const m of html.slice(0, 65_536).matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/\brel\s*=\s*["']?[^"'>]*\balternate\b/i.test(tag)) continue;
    if (!/\btype\s*=\s*["']?text\/(x-)?markdown\b/i.test(tag)) continue;
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1] ?? /\bhref\s*=\s*([^\s>]+)/i.exec(tag)?.[1];
    if (!href) continue;
    try {
      return new URL(href, pageUrl).href;
    } catch {}
  }
  return undefined;
}

/**
 * Where to look for a page's twin, in order of trust: declared by the page, listed in llms.txt,
 * then the conventional `.md` URL when the site is known (or still being probed) to publish twins.
 *
 * @example twinCandidate({ pageUrl, html, llmsLinks, probe: true })
 */
export function twinCandidate(o: {
  pageUrl: string;
  html: string;
  llmsLinks: Set<string>;
  probe: boolean;
}): { url: string; declared: "alternate" | "llms.txt" | "convention" } | undefined {
  const alternate = alternateMarkdownHref(o.html, o.pageUrl);
  if (alternate) return { url: alternate, declared: "alternate" };
  const conventional = mdTwinUrl(o.pageUrl);
  if (o.llmsLinks.has(conventional)) return { url: conventional, declared: "llms.txt" };
  return o.probe ? { url: conventional, declared: "convention" } : undefined;
}

/**
 * True when a twin is the same page: most words of the HTML title appear in the twin's first
 * lines (a soft 404 or a different page would not share them).
 *
 * @example twinMatches("Retries – Quiver docs", "# Retries\n\nJobs are retried…") // true
 */
export function twinMatches(htmlTitle: string, markdown: string): boolean {
  if (!markdown.trim() || /^\s*<(!doctype|html)/i.test(markdown)) return false;
  const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  const title = words(htmlTitle);
  if (title.length === 0) return true;
  const head = new Set(words(markdown.slice(0, 2000)));
  return title.filter((w) => head.has(w)).length / title.length >= 0.5 || head.has(title[0]!);
}
