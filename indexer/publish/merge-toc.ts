import type { TocEntry } from "./site-toc.js";

/** One page's table of contents: `selfListed` when the page is an entry of it (a site-wide sidebar). */
export interface PageToc {
  owner: string;
  entries: TocEntry[];
  selfListed: boolean;
}

/**
 * One table of contents from many pages' (in reading order). Each page's entries are placed after
 * the entry that precedes them on that page (a collapsed sidebar shows a category's pages only
 * inside it). A page whose list leaves itself out and names pages not placed yet holds its own
 * contents (DocBook's part and chapter pages): its entries go right after it, one level deeper.
 * Each entry's depth and wording are the ones most pages give it; a page named in several ways
 * keeps the most common.
 *
 * @example mergeTocs([{ owner: "https://x.dev/", entries, selfListed: true }])
 */
export function mergeTocs(tocs: PageToc[], titleOf: (url: string) => string): TocEntry[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const keyByUrl = new Map<string, string>();
  const votes = new Map<string, Map<string, number>>();
  const depthOf = (key: string) => Number(winner(votes.get(key)!).split("\t")[0]);
  for (const toc of tocs) {
    const { entries } = toc;
    let anchor = -1;
    let offset = 0;
    const ownerKey = keyByUrl.get(toc.owner);
    if (!toc.selfListed && ownerKey && entries.length) {
      anchor = order.indexOf(ownerKey);
      offset = depthOf(ownerKey) - Math.min(...entries.map((e) => e.depth)) + 1;
    }
    for (const [i, entry] of entries.entries()) {
      const key = entryKey(entry);
      const counts = votes.get(key) ?? new Map<string, number>();
      const vote = `${entry.depth + offset}\t${entry.text}`;
      counts.set(vote, (counts.get(vote) ?? 0) + 1);
      votes.set(key, counts);
      let at = placed.has(key) ? order.indexOf(key) : -1;
      if (at < 0) {
        const later = entries
          .slice(i + 1)
          .map(entryKey)
          .find((k) => placed.has(k));
        at = anchor >= 0 ? anchor + 1 : later ? order.indexOf(later) : order.length;
        order.splice(at, 0, key);
        placed.add(key);
        if (entry.url && !keyByUrl.has(entry.url)) keyByUrl.set(entry.url, key);
      }
      anchor = at;
    }
  }
  return settle(order, votes, titleOf);
}

/**
 * Entries from the votes: labels that a collapsed category's link repeats, and pages named twice
 * ("Chapter 49" in a cross-reference, "Logical Decoding" in the contents), once — by the name the
 * page's own title carries, else the most common.
 */
function settle(
  order: string[],
  votes: Map<string, Map<string, number>>,
  titleOf: (url: string) => string,
): TocEntry[] {
  const normal = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  const score = (key: string, entry: TocEntry) =>
    [...votes.get(key)!.values()].reduce((a, b) => a + b, 0) +
    // The longest name the title carries: "Getting started", not the header's "Docs".
    (normal(titleOf(entry.url!)).includes(normal(entry.text))
      ? 1_000_000 * (1 + normal(entry.text).length)
      : 0);
  const merged = order.map((key) => {
    const [depth, text] = winner(votes.get(key)!).split("\t") as [string, string];
    const url = key.startsWith("label:") ? undefined : key.slice(0, key.indexOf("\t"));
    return { key, entry: { ...(url ? { url } : {}), text, depth: Number(depth) } as TocEntry };
  });
  // A collapsed category shows as a link to its first page: the label already stands for it.
  const labels = new Map(merged.flatMap(({ key, entry }) => (entry.url ? [] : [[key, entry] as const])));
  const kept = merged.filter(
    ({ entry }) => !entry.url || labels.get(`label:${entry.url}`)?.text !== entry.text,
  );
  const best = new Map<string, { key: string; score: number }>();
  for (const { key, entry } of kept) {
    if (!entry.url) continue;
    const candidate = { key, score: score(key, entry) };
    if (candidate.score > (best.get(entry.url)?.score ?? -1)) best.set(entry.url, candidate);
  }
  return kept.filter(({ key, entry }) => !entry.url || best.get(entry.url)?.key === key).map((e) => e.entry);
}

function winner(counts: Map<string, number>): string {
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/** A collapsed category's link to its first page and that page's own entry are two entries. */
function entryKey(entry: TocEntry): string {
  return entry.url ? `${entry.url}\t${entry.text}` : `label:${entry.labelOf}`;
}
