import { z } from "zod";

export const SearchMode = z.enum(["text", "vector", "hybrid"]);
export type SearchMode = z.infer<typeof SearchMode>;

/** A complete search request, as the index searches it (every field set). */
export const SearchRequest = z.object({
  q: z.string().trim().min(1, "q must not be empty").max(1000),
  k: z.coerce.number().int().min(1).max(100).default(10),
  site: z.string().min(1).optional(),
  path: z.string().startsWith("/", "path must start with /").optional(),
  mode: SearchMode.default("text"),
  /** section: the best chunk per `url#anchor`; chunk: every chunk; page: the best chunk per page. */
  group: z.enum(["section", "chunk", "page"]).default("section"),
});
export type SearchRequest = z.infer<typeof SearchRequest>;
export type SearchRequestInput = z.input<typeof SearchRequest>;

/**
 * One search input, shared by the CLI, HTTP and MCP: a request whose mode may be left out, for
 * the server's configured default (`searchMode`) to apply.
 */
export const SearchQuery = SearchRequest.extend({
  mode: SearchMode.optional().describe("Retrieval mode; the server's default when omitted"),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** A search hit is a chunk, cited as `url#anchor` (by default one hit per citation). */
export const SearchHit = z.object({
  url: z.string(),
  anchor: z.string(),
  citation: z.string(),
  site: z.string(),
  title: z.string(),
  headingPath: z.array(z.string()),
  snippet: z.string(),
  score: z.number(),
  tokens: z.number().int(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResponse = z.object({ hits: z.array(SearchHit) });
export type SearchResponse = z.infer<typeof SearchResponse>;
