import type { Page, PageLink } from "../../schemas/page.js";
import { mergeTocs } from "./merge-toc.js";
import { readingOrder } from "./reading-order.js";

/** One entry of the site's table of contents; a category with no page of its own has no `url`. */
export interface TocNode {
  url?: string;
  text: string;
  children: TocNode[];
}

export interface TocEntry {
  url?: string;
  text: string;
  depth: number;
  /** A category's label: the page its link opens (its first page). */
  labelOf?: string;
}

/** The share of the site's pages a contents page must list to be taken as its table of contents. */
const MIN_CONTENTS_SHARE = 0.2;

/** "Next", "« Previous", "Up", "Home": step links, not entries of a table of contents. */
const STEP_LINK = /^(next|previous|prev|up|home|top|back)\b|^[«»←→‹›]/i;

/**
 * The site's table of contents, read from its own navigation: the nested lists of links outside
 * each page's main content (a sidebar, a chapter list), merged across pages in reading order, the
 * most common depth and wording of each entry winning; else the largest nested list of links in
 * the main content of the home page or a page it links to (a DocBook or Sphinx contents page).
 * Empty when no list names at least three pages.
 *
 * @example siteToc(ordered, home)[0] // { url: "https://x.dev/intro", text: "Introduction", children: [] }
 */
export function siteToc(ordered: Page[], home: Page | undefined): TocNode[] {
  const known = new Map<string, Page>();
  // `/docs/` and `/docs/index.html` are one page, whichever of the two the crawl stored.
  const forms = (url: string) => {
    const u = stripHash(url);
    return [u, u.endsWith("/") ? `${u}index.html` : u.replace(/\/index\.html?$/, "/")];
  };
  for (const p of ordered)
    for (const url of [...forms(p.url), ...forms(p.finalUrl)]) if (!known.has(url)) known.set(url, p);
  const keyOf = (url: string) => known.get(url)?.url ?? url;
  const navOrder = readingOrder(ordered, home, true);
  const titleOf = (url: string) => known.get(url)?.title ?? "";
  const tocsIn = (region: PageLink["region"]) =>
    navOrder.map((p) => ({ owner: p.url, ...tocEntries(p, region, known, keyOf) }));
  // Lists in `nav` landmarks when the site has them; lists elsewhere outside the main content
  // only when they repeat across pages (a sidebar in a plain div): on pages whose main content is
  // not marked, that region also holds each page's own lists ("See also", options).
  let nav = mergeTocs(tocsIn("nav"), titleOf);
  if (pageCount(nav) < 3) {
    const others = tocsIn("other");
    nav = repeated(others) ? mergeTocs(others, titleOf) : [];
  }
  const contentsPages = home
    ? [home, ...home.links.flatMap((l) => (l.region === "main" ? [known.get(stripHash(l.url))] : []))]
    : [];
  let best = nav;
  // A contents page lists a good share of the site, not the few pages its text refers to.
  const enough = Math.max(3, ordered.length * MIN_CONTENTS_SHARE);
  for (const page of new Set(contentsPages)) {
    if (!page) continue;
    const { entries } = tocEntries(page, "main", known, keyOf);
    if (pageCount(entries) >= enough && pageCount(entries) > pageCount(best)) best = entries;
  }
  return pageCount(best) >= 3 ? buildTree(best) : [];
}

/**
 * A page's table of contents in one region: the longest unbroken run of links in nested lists to
 * other stored pages, in page order. A run ends at a link outside a list or the region, so a
 * header's version menu, a sidebar and a footer are told apart.
 */
function tocEntries(
  page: Page,
  region: PageLink["region"],
  known: Map<string, Page>,
  keyOf: (url: string) => string,
): { entries: TocEntry[]; selfListed: boolean } {
  const self = stripHash(page.url);
  let best = { entries: [] as TocEntry[], selfListed: false, group: "" };
  let run = { entries: [] as TocEntry[], selfListed: false, group: "" };
  for (const link of [...page.links, undefined]) {
    if (!link || link.region !== region || !link.depth) {
      // One lone entry (a version menu's other version) is not a table of contents.
      if (pageCount(run.entries) > Math.max(1, pageCount(best.entries))) best = run;
      run = { entries: [], selfListed: false, group: "" };
      continue;
    }
    const url = stripHash(link.url);
    const text = link.text.trim();
    // The page itself (its entry in a sidebar, a version menu's current entry) is placed by the
    // other pages' lists; that it is there tells a whole-site sidebar from the page's own contents.
    if (url === self && url === link.url) run.selfListed = true;
    // A link to a part of a page ("On this page", a section) is an outline, not a page entry.
    if (url !== link.url || url === self || !known.has(url) || !text || STEP_LINK.test(text)) continue;
    // A group title in plain text ("Core concepts") heads its links as a label one level up.
    const group = link.group ?? "";
    if (group && group !== run.group)
      run.entries.push({ text: group, depth: link.depth - 1, labelOf: `#${group}` });
    run.group = group;
    run.entries.push({ url: keyOf(url), text, depth: link.depth });
  }
  return { entries: asLabels(best.entries), selfListed: best.selfListed };
}

/**
 * A category that links to its first page ("Beginner" → getting-started, then "Getting Started" →
 * getting-started one level deeper) is a label; a page named twice alike is kept once (named
 * differently, as by a header and a sidebar, both stay for mergeTocs to choose).
 */
function asLabels(entries: TocEntry[]): TocEntry[] {
  const out: TocEntry[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const next = entries[i + 1];
    if (!entry.url) out.push(entry);
    else if (next && next.url === entry.url && next.depth > entry.depth)
      out.push({ text: entry.text, depth: entry.depth, labelOf: entry.url });
    else if (!seen.has(`${entry.url}\t${entry.text}`)) {
      seen.add(`${entry.url}\t${entry.text}`);
      out.push(entry);
    }
  });
  return out;
}

/** Nests entries by depth; the shallowest depth present is the top level. */
function buildTree(entries: TocEntry[]): TocNode[] {
  const top = Math.min(...entries.map((e) => e.depth));
  const roots: TocNode[] = [];
  const stack: { depth: number; node: TocNode }[] = [];
  for (const entry of entries) {
    const node: TocNode = {
      ...(entry.url ? { url: entry.url } : {}),
      text: cleanText(entry.text),
      children: [],
    };
    const depth = Math.max(entry.depth, top);
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    (stack.length ? stack[stack.length - 1]!.node.children : roots).push(node);
    stack.push({ depth, node });
  }
  return roots.filter((n) => n.url || n.children.length);
}

/** "1.2. Hello, World!" → "Hello, World!": the chapter number is the list's, not the name's. */
function cleanText(text: string): string {
  return text.replace(/^(\d+(\.\d+)*\.?|[IVXLC]+\.|[A-Z]\.)\s+(?=\S)/, "").trim() || text;
}

/** Whether at least three entries are on half of the pages that have a list: a shared sidebar. */
function repeated(tocs: { entries: TocEntry[] }[]): boolean {
  const withList = tocs.filter((t) => t.entries.length > 0);
  const counts = new Map<string, number>();
  for (const t of withList)
    for (const e of t.entries) if (e.url) counts.set(e.url, (counts.get(e.url) ?? 0) + 1);
  const shared = [...counts.values()].filter((n) => n >= withList.length / 2).length;
  return withList.length >= 3 && shared >= 3;
}

function pageCount(entries: TocEntry[]): number {
  return entries.filter((e) => e.url).length;
}

function stripHash(url: string): string {
  const i = url.indexOf("#");
  return i < 0 ? url : url.slice(0, i);
}
