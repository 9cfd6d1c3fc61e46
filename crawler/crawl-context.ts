/**
 * What the steps of a crawl share: the dependencies it was set up with, which no step replaces,
 * and the frontier state every URL adds to.
 */
import type { CrawlOptions, CrawlOutcome, RenderMode } from "./crawl-contract.js";
import type { ExtractResult } from "./extract-pool/extract-pool.js";
import type { Fetcher } from "./fetch/fetcher.js";
import type { HostGate } from "./fetch/politeness.js";
import type { RobotsCache } from "./fetch/robots-cache.js";
import type { Scope } from "./frontier/scope.js";
import type { WorkQueue } from "./frontier/work-queue.js";
import type { BrowserRenderer } from "./render/browser-renderer.js";
import type { DoneEntry } from "./state/crawl-state.js";
import type { TwinProbe } from "./twins/fetch-twin.js";

/** Set up once per crawl, read-only while it runs. */
export interface CrawlDeps {
  readonly options: CrawlOptions;
  readonly render: RenderMode;
  readonly site: string;
  readonly scope: Scope;
  readonly fetcher: Fetcher;
  readonly gate: HostGate;
  readonly robots: RobotsCache | undefined;
  readonly renderer: BrowserRenderer | undefined;
  /** Extraction (and token counting), on worker threads when available. */
  readonly extract: (html: string, url: string) => Promise<ExtractResult>;
  /** Our robots.txt product token, e.g. "agentweb". */
  readonly agentToken: string;
}

/** What the crawl learns as it goes: the queue, and what each finished URL left for the others. */
export interface CrawlFrontier {
  readonly queue: WorkQueue;
  /** Canonical URLs that already have a stored page: one page per canonical URL. */
  readonly stored: Set<string>;
  /** What the previous, finished crawl left per URL (ETag, Last-Modified, lastmod): a re-crawl's baseline. */
  previous: Record<string, DoneEntry> | undefined;
  /** URLs listed in the site's llms.txt. */
  readonly llmsLinks: Set<string>;
  readonly twins: TwinProbe;
  /** Sitemap `<lastmod>` per URL. */
  readonly lastmods: Map<string, string>;
  /** Content hash → URL of the page stored with it. */
  readonly hashes: Map<string, string>;
  readonly prefixCounts: Map<string, number>;
  /** Limits that dropped a URL ("max-pages", "max-depth", "budget"): the crawl did not see everything. */
  readonly limitedBy: Set<string>;
  /**
   * Linked files that are never pages (PDFs, archives…): reported as skipped, never fetched, not
   * counted against the page budget. `reported` dedupes; `pending` waits for the crawl loop to emit.
   */
  readonly files: { reported: Set<string>; pending: CrawlOutcome[] };
}

/** One crawl's shared context: its read-only dependencies and its frontier state. */
export type CrawlContext = CrawlDeps & CrawlFrontier;
