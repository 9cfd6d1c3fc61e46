import type { Page } from "../../schemas/page.js";
import { readingOrder } from "./reading-order.js";

/** One entry of the site's table of contents; a category with no page of its own has no `url`. */
export interface TocNode {
  url?: string;
  text: string;
  children: TocNode[];
}

interface TocEntry {
  url?: string;
  text: string;
  depth: number;
  /** A category's label: the page its link opens (its first page). */
  labelOf?: string;
}

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
  for (const p of ordered) {
    known.set(stripHash(p.url), p);
    known.set(stripHash(p.finalUrl), p);
  }
  const keyOf = (url: string) => known.get(url)?.url ?? url;
  const nav = mergeEntries(readingOrder(ordered, home, true).map((p) => tocEntries(p, false, known, keyOf)));
  const contentsPages = home
    ? [home, ...home.links.flatMap((l) => (l.region === "main" ? [known.get(stripHash(l.url))] : []))]
    : [];
  let best = nav;
  for (const page of new Set(contentsPages)) {
    if (!page) continue;
    const entries = tocEntries(page, true, known, keyOf);
    if (pageCount(entries) > pageCount(best)) best = entries;
  }
  return pageCount(best) >= 3 ? buildTree(best) : [];
}

/**
 * A page's table of contents in one region (main content, or the rest): the longest unbroken run
 * of links in nested lists to other stored pages, in page order. A run ends at a link outside a
 * list, so a header's version menu, a sidebar and a footer are told apart.
 */
function tocEntries(
  page: Page,
  main: boolean,
  known: Map<string, Page>,
  keyOf: (url: string) => string,
): TocEntry[] {
  const self = stripHash(page.url);
  let best: TocEntry[] = [];
  let run: TocEntry[] = [];
  for (const link of [...page.links, undefined]) {
    if (!link || (link.region === "main") !== main || !link.depth) {
      // One lone entry (a version menu's other version) is not a table of contents.
      if (pageCount(run) > Math.max(1, pageCount(best))) best = run;
      run = [];
      continue;
    }
    const url = stripHash(link.url);
    const text = link.text.trim();
    // A link to a part of a page ("On this page", a section) is an outline, not a page entry.
    // The page itself (a version menu's current entry) is placed by the other pages' lists.
    if (url !== link.url || url === self || !known.has(url) || !text || STEP_LINK.test(text)) continue;
    run.push({ url: keyOf(url), text, depth: link.depth });
  }
  return asLabels(best);
}

/**
 * A category that links to its first page ("Beginner" → getting-started, then "Getting Started" →
 * getting-started one level deeper) is a label; any other repeat of a page is dropped.
 */
function asLabels(entries: TocEntry[]): TocEntry[] {
  const out: TocEntry[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const next = entries[i + 1];
    if (next && next.url === entry.url && next.depth > entry.depth)
      out.push({ text: entry.text, depth: entry.depth, labelOf: entry.url! });
    else if (!seen.has(entry.url!)) {
      seen.add(entry.url!);
      out.push(entry);
    }
  });
  return out;
}

/**
 * One sequence from many pages' sequences: each page's entries are placed after the entry that
 * precedes them on that page (a collapsed sidebar shows a category's pages only inside it); an
 * entry's depth and wording are the ones most pages give it.
 */
function mergeEntries(sequences: TocEntry[][]): TocEntry[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const votes = new Map<string, Map<string, number>>();
  for (const seq of sequences) {
    let anchor = -1;
    for (const [i, entry] of seq.entries()) {
      const key = entryKey(entry);
      const vote = `${entry.depth}\t${entry.text}`;
      const counts = votes.get(key) ?? new Map<string, number>();
      counts.set(vote, (counts.get(vote) ?? 0) + 1);
      votes.set(key, counts);
      let at = placed.has(key) ? order.indexOf(key) : -1;
      if (at < 0) {
        const later = seq
          .slice(i + 1)
          .map(entryKey)
          .find((k) => placed.has(k));
        at = anchor >= 0 ? anchor + 1 : later ? order.indexOf(later) : order.length;
        order.splice(at, 0, key);
        placed.add(key);
      }
      anchor = at;
    }
  }
  const merged = order.map((key) => {
    const [vote] = [...votes.get(key)!].sort((a, b) => b[1] - a[1])[0]!;
    const [depth, text] = vote.split("\t") as [string, string];
    const url = key.startsWith("label:") ? undefined : key.slice(0, key.indexOf("\t"));
    return { ...(url ? { url } : {}), text, depth: Number(depth) };
  });
  // A collapsed category shows as a link to its first page: the label already stands for it.
  const labels = new Map(merged.flatMap((e, i) => (e.url ? [] : [[order[i]!, e] as const])));
  return merged.filter((e) => !e.url || labels.get(`label:${e.url}`)?.text !== e.text);
}

/** A collapsed category's link to its first page and that page's own entry are two entries. */
function entryKey(entry: TocEntry): string {
  return entry.url ? `${entry.url}\t${entry.text}` : `label:${entry.labelOf}`;
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

function pageCount(entries: TocEntry[]): number {
  return entries.filter((e) => e.url).length;
}

function stripHash(url: string): string {
  const i = url.indexOf("#");
  return i < 0 ? url : url.slice(0, i);
}
