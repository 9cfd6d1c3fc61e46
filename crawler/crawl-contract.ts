/** What a crawl takes and what it reports: the crawler's contract with its callers. */
import type { ErrorCode } from "../schemas/errors.js";
import type { Page } from "../schemas/page.js";
import type { EgressPolicy } from "./fetch/egress-guard.js";

/** When a page is rendered in Chromium: only when it evidently needs JavaScript, never, or always. */
export type RenderMode = "auto" | "never" | "always";

/**
 * Everything a crawl needs. The settings come from the config (see crawlOptionsFrom, whose
 * defaults are the config schema's); the optional fields are per crawl or for tests.
 */
export interface CrawlOptions {
  startUrl: string;
  maxPages: number;
  maxDepth: number;
  include: string[];
  exclude: string[];
  concurrency: number;
  requestTimeoutMs: number;
  maxBodyBytes: number;
  userAgent: string;
  render: RenderMode;
  /** Obey robots.txt. */
  respectRobots: boolean;
  /** Minimum milliseconds between request starts on one host; Crawl-delay may raise it. */
  delayMs: number;
  /** Extra attempts for transient failures. */
  retries: number;
  /** Chromium binary for rendering. */
  chromiumPath: string;
  /** Extraction worker threads (0: extract in the crawl's thread). */
  extractWorkers: number;
  /** Time budget for extracting one page. */
  extractTimeoutMs: number;
  /** Seed the crawl with the links of the site's llms.txt. */
  fromLlmsTxt: boolean;
  /** Stops the crawl; events already emitted stay valid. */
  signal?: AbortSignal;
  /** Base of the exponential backoff (default 500 ms): tests shorten it. */
  backoffBaseMs?: number;
  /** When set, every request (robots, pages, browser) passes the egress guard. */
  egress?: EgressPolicy;
  /** Sent only to the start URL's origin (docs behind a login). */
  originHeaders?: Record<string, string>;
  cookie?: string;
  /** Where the crawl keeps its resumable state (e.g. `<data>/crawls`); none = not resumable. */
  stateDir?: string;
  /** Discard saved state and start over. */
  fresh?: boolean;
  /**
   * Content hash per URL the consumer has durably stored. A resumed crawl fetches again a page its
   * saved state calls done but the consumer never stored (it was killed before writing it).
   */
  storedHashes?: ReadonlyMap<string, string>;
  /** Prefer a page's markdown twin (`.md`, rel=alternate, llms.txt) when it matches (default true). */
  markdownTwins?: boolean;
  /** Seed from robots.txt Sitemap: lines or /sitemap.xml (default true). */
  sitemaps?: boolean;
  /** Pages allowed per path prefix, e.g. { "/docs/api/": 100 }. */
  prefixBudgets?: Record<string, number>;
}

/** What a crawl reports, one event per URL it finished with, plus the queue size at that moment. */
export type CrawlEvent = { queued: number } & (
  | { type: "page"; page: Page; renderReason?: string; requestUrl?: string }
  | { type: "skipped"; url: string; reason: string; code: ErrorCode }
  | { type: "failed"; url: string; code: ErrorCode; message: string }
);

/** An event before the crawl adds the queue size. */
export type CrawlOutcome =
  | { type: "page"; page: Page; renderReason?: string; requestUrl?: string }
  | { type: "skipped"; url: string; reason: string; code: ErrorCode }
  | { type: "failed"; url: string; code: ErrorCode; message: string };

/**
 * What a crawl tells its consumer when it ends (the generator's return value): whether it saw the
 * whole site, so the consumer may treat a stored page it did not see as gone.
 *
 * @example
 * const it = crawl(options);
 * for (let r = await it.next(); ; r = await it.next()) if (r.done) { console.log(r.value.complete); break; }
 */
export interface CrawlEnd {
  /** Ran to its end with nothing cut short: not cancelled, no page/depth/budget limit hit, sitemaps read. */
  complete: boolean;
  /** Why it is not complete: "cancelled", "max-pages", "max-depth", "budget", "sitemap". */
  limitedBy: string[];
  /** URLs finished by an earlier, interrupted run of this crawl (resumed), with their outcome. */
  earlier: Record<string, { status: "page" | "skipped" | "failed"; code?: string }>;
}
