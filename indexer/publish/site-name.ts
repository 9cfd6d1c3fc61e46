import type { Page } from "../../schemas/page.js";

/** Separators sites put between a page title and the site name: "Retries | Quiver Docs". */
const SEPARATOR = /\s+[|–—·:]{1,2}\s+|\s+-\s+/;

/**
 * The site's name, read from the suffix most of its page titles share ("Retries | Quiver Docs" →
 * "Quiver Docs"), else the home page's title, else the fallback.
 *
 * @example siteNameOf(pages, home, "docs.example.com") // "Quiver Docs"
 */
export function siteNameOf(pages: Page[], home: Page | undefined, fallback: string): string {
  const suffixes = commonSuffixes(pages);
  const best = [...suffixes.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best && best[1] >= Math.max(2, pages.length * 0.3)) return best[0];
  return home?.title.trim() || fallback;
}

/**
 * A page title without the site name it carries.
 *
 * @example cleanTitle("Retries and backoff | Quiver Docs", "Quiver Docs") // "Retries and backoff"
 */
export function cleanTitle(title: string, siteName: string, shared: ReadonlySet<string> = new Set()): string {
  const parts = title
    .split(SEPARATOR)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return title.trim();
  const last = parts[parts.length - 1]!;
  const firstWord = siteName.split(/\s+/)[0]?.toLowerCase() ?? "";
  // "Announcing 2.0 | Quiver Blog": a suffix naming the site (or shared by other titles) is chrome.
  if (
    last === siteName ||
    shared.has(last) ||
    (firstWord.length > 2 && last.toLowerCase().startsWith(firstWord))
  ) {
    return (
      title
        .slice(0, title.lastIndexOf(last))
        .replace(/[\s|–—·:-]+$/, "")
        .trim() || title.trim()
    );
  }
  return title.trim();
}

/**
 * How many titles end in each suffix (only suffixes after a separator count).
 *
 * @example commonSuffixes(pages).get("Quiver Docs") // 16
 */
export function commonSuffixes(pages: Page[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const page of pages) {
    const parts = page.title.split(SEPARATOR);
    if (parts.length < 2) continue;
    const last = parts[parts.length - 1]!.trim();
    if (last) counts.set(last, (counts.get(last) ?? 0) + 1);
  }
  for (const [suffix, n] of counts) if (n < 2) counts.delete(suffix);
  return counts;
}
