import { stemTerms } from "./field-boost.js";
import type { StoredChunk } from "./store.js";

/**
 * Pages a docs site itself marks as secondary to its reference: change logs, "what's new" and
 * release notes. They restate every feature in a sentence or two ("json.dumps() now accepts …"),
 * so they match almost any question about a feature, and crowd out the page that documents it.
 * Recognised by what generators and authors commonly name them, in a URL path segment or the title.
 */
const SECONDARY_SEGMENT =
  /^(whats-?new|what-s-new|changelog|change-?log|changes|news|release-?notes|releases?|history)([-_.]?\d[\w.-]*)?(\.\w+)?$/i;

/** Titles of such pages: "What's New In Python 3.11", "Changelog", "Release 15.2", "Release Notes". */
const SECONDARY_TITLE =
  /^(\S+\s+)?(what['’]?s\s+new|change\s?log|changes\s+(in|since)|release\s+notes?|release\s+\d)/i;

/** Whether a page is a change log, "what's new" or release-notes page, by its URL path or title. */
export function isSecondaryPage(url: string, title: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  return path.split("/").some((segment) => SECONDARY_SEGMENT.test(segment)) || SECONDARY_TITLE.test(title);
}

/** Query words that ask about changes themselves, when secondary pages are the answer. */
const ASKS_FOR_CHANGES = new Set(
  stemTerms("new changed changes changelog release releases history deprecated added removed version"),
);

/**
 * Scores of chunks on secondary pages multiplied by `weight` (1 = unchanged), re-sorted; a query
 * that asks about changes or versions is left as it is.
 *
 * @example dampSecondary(ranked, "parse a JSON file", 0.5) // changelog chunks sink below reference ones
 */
export function dampSecondary(ranked: StoredChunk[], query: string, weight: number): StoredChunk[] {
  if (weight === 1 || stemTerms(query).some((t) => ASKS_FOR_CHANGES.has(t))) return ranked;
  const secondary = new Map<string, boolean>();
  const isSecondary = (c: StoredChunk) => {
    const known = secondary.get(c.url) ?? isSecondaryPage(c.url, c.title);
    secondary.set(c.url, known);
    return known;
  };
  return ranked
    .map((c) => (isSecondary(c) ? { ...c, score: c.score * weight } : c))
    .sort((a, b) => b.score - a.score);
}
