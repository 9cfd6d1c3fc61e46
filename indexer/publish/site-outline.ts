import type { Page } from "../../schemas/page.js";
import { readingOrder } from "./reading-order.js";
import { groupPages, type PageGroup } from "./site-sections.js";
import { siteToc } from "./site-toc.js";
import { tocSections } from "./toc-sections.js";

/** Above this many pages, llms.txt lists only the top two levels of the site's table of contents. */
export const LARGE_SITE_PAGES = 150;
/** The share of pages a large site's table must reach for llms.txt to leave the others out. */
const CURATED_COVERAGE = 0.8;

/**
 * What llms.txt lists and in which sections, and the order llms-full.txt holds every page in. With
 * a table of contents of its own (see siteToc), the site's sections are the author's; pages the
 * table does not reach follow in sections by path — on a large site only in llms-full.txt, since
 * llms.txt then keeps to the pages an agent should read first. Without one, sections come from
 * the URL paths.
 *
 * @example siteOutline(pages, home, "/").groups.map((g) => g.name) // ["Overview", "Tutorials", "Optional"]
 */
export function siteOutline(
  pages: Page[],
  home: Page | undefined,
  prefix: string,
): { groups: PageGroup[]; fullOrder: Page[] } {
  const ordered = readingOrder(pages, home);
  const toc = siteToc(ordered, home);
  if (toc.length === 0) {
    const groups = groupPages(ordered, prefix);
    return { groups, fullOrder: groups.flatMap((g) => g.pages) };
  }
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  const sections = (levels: number) => tocSections(toc, (url) => byUrl.get(url), { levels, prefix });
  const whole = sections(Number.POSITIVE_INFINITY);
  // A large site lists only its table's top two levels, as long as the table covers most of it.
  const curated = pages.length > LARGE_SITE_PAGES && whole.reached.length >= pages.length * CURATED_COVERAGE;
  const { groups, reached } = curated ? sections(2) : whole;
  // The home page leads when the table does not list it (a contents page is not its own entry).
  const lead = home && !reached.includes(home) ? [home] : [];
  const first = groups[0];
  if (lead.length && first && !first.optional && /^(Overview|Docs)$/.test(first.name))
    first.pages.unshift(...lead);
  else if (lead.length) groups.unshift({ name: "Overview", optional: false, pages: lead });
  const inToc = new Set([...reached, ...lead]);
  const rest = ordered.filter((p) => !inToc.has(p));
  // Pages the table leaves out: by path, the top-level ones as "Other pages" (not a second Overview).
  const others = groupPages(rest, prefix).map((g) =>
    g.name === "Overview" ? { ...g, name: "Other pages" } : g,
  );
  const listed = curated ? groups : mergeGroups(groups, others);
  const fullOrder = [...lead, ...reached, ...rest];
  return { groups: listed, fullOrder };
}

/** Appends `more` to `groups`, joining sections of the same name; Optional stays last. */
function mergeGroups(groups: PageGroup[], more: PageGroup[]): PageGroup[] {
  const out = groups.map((g) => ({ ...g, pages: [...g.pages] }));
  for (const group of more) {
    const same = out.find((g) => g.name === group.name && g.optional === group.optional);
    if (same) same.pages.push(...group.pages);
    else out.push({ ...group, pages: [...group.pages] });
  }
  return [...out.filter((g) => !g.optional), ...out.filter((g) => g.optional)];
}
