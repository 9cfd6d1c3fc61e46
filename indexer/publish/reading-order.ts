import type { Page } from "../../schemas/page.js";

const REGION_RANK = { main: 0, nav: 1, other: 2 } as const;
/** The order of a site's navigation: its header and sidebar lead, in the order they list places. */
const NAV_RANK = { nav: 0, other: 1, main: 2 } as const;

/**
 * Pages in the order a reader meets them: breadth-first from the home page, following each page's
 * main-content links before its navigation (a home page's own list of guides is the author's
 * chosen order; header links jump to section landings). Unreached pages follow, by URL. With
 * `navFirst`, navigation links lead instead: the order in which the site's header and sidebars
 * present its areas.
 *
 * @example readingOrder(pages, home).map((p) => p.url)
 */
export function readingOrder(pages: Page[], home: Page | undefined, navFirst = false): Page[] {
  const rank = navFirst ? NAV_RANK : REGION_RANK;
  const byUrl = new Map(pages.map((p) => [stripHash(p.url), p]));
  const ordered: Page[] = [];
  const seen = new Set<Page>();
  const queue: Page[] = home ? [home] : [];
  if (home) seen.add(home);
  while (queue.length) {
    const page = queue.shift()!;
    ordered.push(page);
    const links = page.links
      .map((link, i) => ({ link, i }))
      .sort((a, b) => rank[a.link.region] - rank[b.link.region] || a.i - b.i);
    for (const { link } of links) {
      const target = byUrl.get(stripHash(link.url));
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  const rest = pages.filter((p) => !seen.has(p)).sort((a, b) => (a.url < b.url ? -1 : 1));
  return [...ordered, ...rest];
}

function stripHash(url: string): string {
  const i = url.indexOf("#");
  return i < 0 ? url : url.slice(0, i);
}
