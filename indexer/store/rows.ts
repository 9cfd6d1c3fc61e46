import type { Chunk } from "../../schemas/chunk.js";
import type { Page } from "../../schemas/page.js";
import { withIdentifierVariants } from "./identifier-variants.js";

/** A chunk as stored: the chunk plus the columns that serve filters, full text and vectors. */
export type ChunkRow = Chunk & {
  path: string;
  content: string;
  embedded: boolean;
  vector: number[] | Float32Array;
};

/** A page as stored. */
export type PageRow = Omit<Page, "links" | "headings" | "removed" | "tokens"> & {
  path: string;
  tokensHtml: number;
  tokensMarkdown: number;
  links: string;
  headings: string;
  removed: string;
};

/** The URL's path, used for `path=` prefix filters. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "/";
  }
}

/**
 * What the full-text index reads: the heading path weighs in, so a section title matches its body,
 * and code identifiers gain their joined and split forms (see identifier-variants.ts; queries get
 * the same expansion in `searchText`). Changing this makes existing indexes stale: re-crawl.
 */
export function searchableContent(chunk: Chunk): string {
  const path = chunk.headingPath[0] === chunk.title ? chunk.headingPath : [chunk.title, ...chunk.headingPath];
  const heading = path.filter(Boolean).join(" › ");
  return withIdentifierVariants(heading ? `${heading}\n${chunk.text}` : chunk.text);
}

export function toChunkRow(chunk: Chunk, dims: number): ChunkRow {
  return {
    ...chunk,
    path: pathOf(chunk.url),
    content: searchableContent(chunk),
    embedded: false,
    vector: new Float32Array(dims),
  };
}

export function toPageRow(page: Page): PageRow {
  const { links, headings, removed, tokens, ...rest } = page;
  return {
    ...rest,
    etag: page.etag ?? null,
    lastModified: page.lastModified ?? null,
    path: pathOf(page.url),
    tokensHtml: tokens.html,
    tokensMarkdown: tokens.markdown,
    links: JSON.stringify(links),
    headings: JSON.stringify(headings),
    removed: JSON.stringify(removed),
  } as PageRow;
}

export function fromPageRow(row: Record<string, unknown>): Page {
  const str = (k: string) => String(row[k] ?? "");
  return {
    url: str("url"),
    finalUrl: str("finalUrl"),
    site: str("site"),
    title: str("title"),
    description: str("description"),
    lang: str("lang"),
    markdown: str("markdown"),
    links: JSON.parse(str("links") || "[]"),
    headings: JSON.parse(str("headings") || "[]"),
    removed: JSON.parse(str("removed") || "[]"),
    contentHash: str("contentHash"),
    fetchedVia: str("fetchedVia") as Page["fetchedVia"],
    tokens: { html: Number(row.tokensHtml ?? 0), markdown: Number(row.tokensMarkdown ?? 0) },
    fetchedAt: str("fetchedAt"),
    ...(row.etag ? { etag: str("etag") } : {}),
    ...(row.lastModified ? { lastModified: str("lastModified") } : {}),
  };
}

/** A SQL string literal for LanceDB filters. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The filter for `site` and `path` prefix, or undefined when neither is set. */
export function scopeFilter(scope: {
  site?: string | undefined;
  path?: string | undefined;
}): string | undefined {
  const parts: string[] = [];
  if (scope.site) parts.push(`site = ${sqlString(scope.site)}`);
  if (scope.path) parts.push(`starts_with(path, ${sqlString(scope.path)})`);
  return parts.length ? parts.join(" AND ") : undefined;
}
