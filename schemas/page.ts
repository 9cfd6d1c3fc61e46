import { z } from "zod";

/** How a page's markdown was obtained, from the cheapest source to the most expensive. */
export const FetchedVia = z.enum(["llms.txt-md", "md-twin", "md-negotiated", "http", "browser"]);
export type FetchedVia = z.infer<typeof FetchedVia>;

/**
 * A link found on the page; `region` tells main-content links from navigation; `depth` is how many
 * list items or definition lists enclose it (a sidebar's chapter 1, its sections 2), absent outside
 * lists.
 */
export const PageLink = z.object({
  url: z.string(),
  text: z.string(),
  region: z.enum(["main", "nav", "other"]),
  depth: z.number().int().positive().optional(),
  /** The plain-text title of the list item holding the link's list (a sidebar group's title). */
  group: z.string().optional(),
});
export type PageLink = z.infer<typeof PageLink>;

/** A heading of the page's markdown; `anchor` is its own id, else the nearest ancestor's id. */
export const Heading = z.object({
  level: z.number().int().min(1).max(6),
  text: z.string(),
  anchor: z.string().optional(),
});
export type Heading = z.infer<typeof Heading>;

/** Something the cleaner dropped, and why (noise rule, hidden text, …). */
export const Removal = z.object({
  reason: z.string(),
  target: z.string(),
  chars: z.number().int().nonnegative(),
});
export type Removal = z.infer<typeof Removal>;

/** One crawled page: clean markdown plus what an agent needs to cite and trust it. */
export const Page = z.object({
  url: z.string(),
  finalUrl: z.string(),
  site: z.string(),
  title: z.string(),
  description: z.string(),
  lang: z.string(),
  markdown: z.string(),
  links: z.array(PageLink),
  headings: z.array(Heading),
  contentHash: z.string(),
  fetchedVia: FetchedVia,
  tokens: z.object({ html: z.number().int().nonnegative(), markdown: z.number().int().nonnegative() }),
  removed: z.array(Removal),
  fetchedAt: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
});
export type Page = z.infer<typeof Page>;
