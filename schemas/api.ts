/**
 * Inputs and outputs of the API beyond search and context: pages, sites and crawl jobs. One schema
 * per input serves HTTP, MCP and the CLI; the OpenAPI document is generated from these.
 */
import { z } from "zod";

/** A boolean query flag: "1", "true", "yes" or "on" is true. */
export const flag = z.preprocess(
  (v) => (typeof v === "string" ? /^(1|true|yes|on)$/i.test(v) : v),
  z.boolean(),
);
/** An absolute http(s) URL as an API input (parsed and checked again where it is used). */
export const httpUrl = z
  .string()
  .trim()
  .min(1, "url is required")
  .max(4096)
  .refine((v) => /^https?:\/\/[^/]/i.test(v), "url must be an absolute http(s) URL");

/** An upper bound on the tokens of a returned text (cl100k), as a query or tool input. */
export const tokenCap = z.coerce.number().int().min(16).max(1_000_000);

export const PageFormat = z.enum(["markdown", "text", "links", "json"]);
export type PageFormat = z.infer<typeof PageFormat>;

export const PageRequest = z.object({
  url: httpUrl.describe("The page's URL (a #fragment is ignored)"),
  format: PageFormat.default("markdown").describe(
    "markdown, plain text, its links, or the whole Page as JSON",
  ),
  fresh: flag.default(false).describe("Fetch it now through the crawler instead of the index (admin)"),
  /** Upper bound on the tokens returned as markdown/text; the cut is marked. */
  maxTokens: tokenCap.optional().describe("Truncate markdown/text to this many tokens"),
});
export type PageRequest = z.infer<typeof PageRequest>;
export type PageRequestInput = z.input<typeof PageRequest>;

/** A siteId as it appears in paths and parameters. */
export const SiteId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._-]+$/, "a siteId is a slug such as docs.example.com or 127.0.0.1-8080");

export const SiteRequest = z.object({ site: SiteId });
export type SiteRequest = z.infer<typeof SiteRequest>;

export const SiteInfo = z.object({
  site: z.string(),
  startUrl: z.string().optional(),
  pages: z.number().int(),
  chunks: z.number().int(),
  embedded: z.number().int(),
  embedder: z.string(),
  lastCrawl: z
    .object({
      startedAt: z.string(),
      finishedAt: z.string(),
      ok: z.number(),
      skipped: z.number(),
      failed: z.number(),
    })
    .optional(),
});
export type SiteInfo = z.infer<typeof SiteInfo>;

export const SitesResponse = z.object({ sites: z.array(SiteInfo) });

export const CrawlRequest = z.object({
  url: httpUrl.describe("Start URL: the crawl stays on its origin and under its directory"),
  maxPages: z.coerce.number().int().min(1).max(100_000).optional().describe("Stop after this many pages"),
  maxDepth: z.coerce
    .number()
    .int()
    .min(0)
    .max(1000)
    .optional()
    .describe("Follow links at most this many hops"),
  include: z.array(z.string().min(1).max(500)).max(50).optional().describe("Only URLs matching these globs"),
  exclude: z.array(z.string().min(1).max(500)).max(50).optional().describe("Never URLs matching these globs"),
  prune: z
    .boolean()
    .optional()
    .describe("Remove stored pages this crawl did not reach even if it reached fewer than half of them"),
});
export type CrawlRequest = z.infer<typeof CrawlRequest>;

export const CrawlJobState = z.enum(["queued", "running", "done", "failed", "cancelled"]);
export type CrawlJobState = z.infer<typeof CrawlJobState>;

export const CrawlJobRequest = z.object({ id: z.string().regex(/^[a-z0-9-]{8,64}$/, "not a crawl job id") });

/** A crawl job as the API reports it (and as it is persisted under the data dir). */
export const CrawlJob = z.object({
  id: z.string(),
  state: CrawlJobState,
  request: CrawlRequest,
  site: z.string(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  /** How many times it was (re)started: a job interrupted by a restart runs again. */
  attempts: z.number().int(),
  progress: z.object({
    done: z.number().int(),
    ok: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
    queued: z.number().int(),
    chunks: z.number().int(),
    pagesPerSecond: z.number(),
  }),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type CrawlJob = z.infer<typeof CrawlJob>;

export const DeletedResponse = z.object({
  deleted: z.string(),
  pages: z.number().int(),
  chunks: z.number().int(),
});
