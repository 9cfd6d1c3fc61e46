import type { PageLink } from "../../schemas/page.js";
import { stemTerms } from "./field-boost.js";
import type { Store, StoredChunk } from "./store.js";

/**
 * Inbound anchor text: what the other pages of a site call a page when they link to it. Reference
 * pages are linked by the names users know ("json.dumps()", "CREATE INDEX", "serialization"), which
 * the page's own words may not use; web search has long read link text as a field of its target.
 */

/** Per page URL (fragment dropped), the distinct term sets of the link texts pointing at it. */
export type InboundAnchors = Map<string, Array<Set<string>>>;

/** A URL without its fragment. */
function pageOf(url: string): string {
  const hash = url.indexOf("#");
  return hash < 0 ? url : url.slice(0, hash);
}

/** Link regions whose text counts; all by default. */
export type LinkRegions = ReadonlyArray<PageLink["region"]>;

const ALL_REGIONS: LinkRegions = ["main", "nav", "other"];

/** Builds the inbound anchor texts of every stored page from the links stored with each page. */
export function collectInbound(
  pages: Array<{ url: string; links: PageLink[] }>,
  regions: LinkRegions = ALL_REGIONS,
): InboundAnchors {
  const seen = new Map<string, Set<string>>();
  const out: InboundAnchors = new Map();
  for (const page of pages) {
    const source = pageOf(page.url);
    for (const link of page.links) {
      const target = pageOf(link.url);
      if (target === source || !regions.includes(link.region)) continue;
      const terms = [...new Set(stemTerms(link.text))];
      if (terms.length === 0) continue;
      const key = terms.join(" ");
      const known = seen.get(target) ?? new Set<string>();
      if (known.has(key)) continue;
      known.add(key);
      seen.set(target, known);
      const texts = out.get(target) ?? [];
      texts.push(new Set(terms));
      out.set(target, texts);
    }
  }
  return out;
}

/** Inbound anchors per store, rebuilt when the index changes (a crawl adds pages and links). */
const cached = new WeakMap<Store, { key: string; value: Promise<InboundAnchors> }>();

/**
 * The store's inbound anchor texts at its current version.
 *
 * @example const inbound = await inboundAnchorsOf(store);
 */
export async function inboundAnchorsOf(
  store: Store,
  regions: LinkRegions = ALL_REGIONS,
): Promise<InboundAnchors> {
  const key = `${await store.version()} ${regions.join(" ")}`;
  const known = cached.get(store);
  if (known && known.key === key) return known.value;
  const value = store.pageLinks().then((rows) => {
    const pages = rows.map((r) => ({ url: r.url, links: JSON.parse(r.links || "[]") as PageLink[] }));
    return collectInbound(pages, regions);
  });
  cached.set(store, { key, value });
  return value;
}

/**
 * Scores multiplied by 1 + weight · (the largest share of the query's terms that one inbound link
 * text of the chunk's page contains), re-sorted. One link text, not their union: a hub page linked
 * under hundreds of names would otherwise match every question.
 *
 * @example boostByInbound(hits, "serialize to json", inbound, 0.5)
 */
export function boostByInbound(
  hits: StoredChunk[],
  query: string,
  inbound: InboundAnchors,
  weight: number,
): StoredChunk[] {
  const terms = [...new Set(stemTerms(query))];
  if (weight === 0 || terms.length === 0) return hits;
  const shares = new Map<string, number>();
  const shareOf = (url: string) => {
    const known = shares.get(url);
    if (known !== undefined) return known;
    let best = 0;
    for (const text of inbound.get(url) ?? []) {
      best = Math.max(best, terms.filter((t) => text.has(t)).length / terms.length);
    }
    shares.set(url, best);
    return best;
  };
  return hits
    .map((hit) => ({ ...hit, score: hit.score * (1 + weight * shareOf(hit.url)) }))
    .sort((a, b) => b.score - a.score);
}
