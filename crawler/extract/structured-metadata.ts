/**
 * Metadata a page declares for machines: OpenGraph properties, JSON-LD types and publication
 * dates. Read from the untouched document (the hidden-content guard later removes every
 * `<script>`, including JSON-LD).
 */

export interface StructuredMetadata {
  /** ISO 8601 date-time when the page says it was first published. */
  published?: string;
  /** ISO 8601 date-time when the page says it was last modified. */
  modified?: string;
  /** Every JSON-LD `@type` on the page, in document order, without duplicates ("Article", "BreadcrumbList"). */
  jsonLdTypes?: string[];
  /** OpenGraph properties without the `og:` prefix (`{ title, type, url, image, site_name }`); first value wins. */
  openGraph?: Record<string, string>;
}

/** Enough for any real page's JSON-LD; a larger block is not parsed (bounded work). */
const MAX_JSON_LD_CHARS = 500_000;
const MAX_OG_VALUE = 2000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function walkJsonLd(node: Json, depth: number, visit: (obj: { [key: string]: Json }) => void): void {
  if (depth > 8 || node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const item of node) walkJsonLd(item, depth + 1, visit);
    return;
  }
  visit(node);
  for (const key of ["@graph", "mainEntity", "mainEntityOfPage", "itemListElement"]) {
    const child = node[key];
    if (child !== undefined) walkJsonLd(child, depth + 1, visit);
  }
}

function jsonLdObjects(doc: Document): Array<{ [key: string]: Json }> {
  const out: Array<{ [key: string]: Json }> = [];
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    const raw = script.textContent ?? "";
    if (raw.length > MAX_JSON_LD_CHARS) continue;
    try {
      walkJsonLd(JSON.parse(raw.replace(/^\s*<!--|-->\s*$/g, "")) as Json, 0, (o) => out.push(o));
    } catch {
      // Malformed JSON-LD is common (trailing commas, raw newlines): skip it, the page still extracts.
    }
  }
  return out;
}

/**
 * Normalises a date string to ISO 8601; undefined when it does not parse or is implausible.
 *
 * @example normaliseDate("2019-11-18T19:09:00+00:00") // "2019-11-18T19:09:00.000Z"
 */
export function normaliseDate(value: string | null | undefined): string | undefined {
  const v = (value ?? "").trim();
  if (!v || v.length > 64 || !/\d{4}/.test(v)) return undefined;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return undefined;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1990 && year <= 2100 ? new Date(ms).toISOString() : undefined;
}

/** The first date among `metas` that a selector picks, selectors in order (one document scan in all). */
function metaContent(metas: Element[], selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const date = normaliseDate(metas.find((m) => m.matches(selector))?.getAttribute("content"));
    if (date) return date;
  }
  return undefined;
}

function firstDate(objects: Array<{ [key: string]: Json }>, key: string): string | undefined {
  for (const o of objects) {
    const v = o[key];
    const date = typeof v === "string" ? normaliseDate(v) : undefined;
    if (date) return date;
  }
  return undefined;
}

function typesOf(objects: Array<{ [key: string]: Json }>): string[] {
  const types = new Set<string>();
  for (const o of objects) {
    const t = o["@type"];
    for (const name of Array.isArray(t) ? t : [t])
      if (typeof name === "string" && name.length <= 100) types.add(name);
  }
  return [...types];
}

function openGraph(doc: Document): Record<string, string> {
  const og: Record<string, string> = {};
  for (const m of doc.querySelectorAll('meta[property^="og:"], meta[name^="og:"]')) {
    const key = (m.getAttribute("property") ?? m.getAttribute("name") ?? "").slice(3).trim();
    const value = (m.getAttribute("content") ?? "").replace(/\s+/g, " ").trim();
    if (key && value && !(key in og)) og[key] = value.slice(0, MAX_OG_VALUE);
  }
  return og;
}

/**
 * Reads publication dates (meta tags, then JSON-LD, then `<time itemprop>`), JSON-LD types and
 * OpenGraph properties. Fields the page does not declare are absent.
 *
 * @example readStructuredMetadata(document) // { published: "2019-11-18T19:09:00.000Z", jsonLdTypes: ["NewsArticle"], openGraph: { type: "article" } }
 */
export function readStructuredMetadata(doc: Document): StructuredMetadata {
  const objects = jsonLdObjects(doc);
  const metas = [...doc.querySelectorAll("meta")];
  const published =
    metaContent(metas, [
      'meta[property="article:published_time"]',
      'meta[name="article:published_time"]',
      'meta[itemprop="datePublished"]',
      'meta[name="date"]',
      'meta[name="dc.date" i]',
      'meta[name="dcterms.created" i]',
      'meta[name="pubdate" i]',
      'meta[name="publish-date" i]',
    ]) ??
    firstDate(objects, "datePublished") ??
    normaliseDate(doc.querySelector('time[itemprop="datePublished"]')?.getAttribute("datetime"));
  const modified =
    metaContent(metas, [
      'meta[property="article:modified_time"]',
      'meta[property="og:updated_time"]',
      'meta[itemprop="dateModified"]',
      'meta[name="last-modified" i]',
      'meta[name="dcterms.modified" i]',
    ]) ??
    firstDate(objects, "dateModified") ??
    normaliseDate(doc.querySelector('time[itemprop="dateModified"]')?.getAttribute("datetime"));
  const out: StructuredMetadata = {};
  if (published) out.published = published;
  if (modified) out.modified = modified;
  const types = typesOf(objects);
  if (types.length > 0) out.jsonLdTypes = types;
  const og = openGraph(doc);
  if (Object.keys(og).length > 0) out.openGraph = og;
  return out;
}
