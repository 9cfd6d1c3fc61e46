/**
 * The crawl loop: seeds → workers → one event per URL. Setup (fetcher, politeness, robots.txt,
 * egress guard, renderer) is here; what happens to one URL is in process-url.ts.
 */
import { AgentwebError, isAgentwebError } from "../schemas/errors.js";
import { siteIdFor } from "../schemas/site-id.js";
import type { CrawlContext } from "./crawl-context.js";
import type { CrawlEnd, CrawlEvent, CrawlOptions, CrawlOutcome } from "./crawl-contract.js";
import { createChannel } from "./event-channel.js";
import { createExtractPool } from "./extract-pool/extract-pool.js";
import { type ConnectionPool, createConnectionPool } from "./fetch/connection-pool.js";
import { createEgressGuard, type EgressGuard } from "./fetch/egress-guard.js";
import { createFetcher, type Fetcher } from "./fetch/fetcher.js";
import { createHostGate } from "./fetch/politeness.js";
import { createRobotsCache, type RobotsCache } from "./fetch/robots-cache.js";
import { discoverLlmsTxt } from "./frontier/llms-txt-seeds.js";
import { normalizeUrl, parseHttpUrl } from "./frontier/normalize-url.js";
import { createScope } from "./frontier/scope.js";
import { fetcherGet, readSitemaps, sitemapRoots } from "./frontier/sitemaps.js";
import { createWorkQueue } from "./frontier/work-queue.js";
import { processUrl } from "./process-url.js";
import { createBrowserRenderer } from "./render/browser-renderer.js";
import { crawlId, openCrawlState } from "./state/crawl-state.js";
import { recordDone, restoreFrontier } from "./state/resume.js";

export type { CrawlEnd, CrawlEvent, CrawlOptions, RenderMode } from "./crawl-contract.js";
export { type CrawlSettings, crawlOptionsFrom } from "./options-from-config.js";

/** The longest Retry-After a crawl waits for; a site asking for more fails that page instead. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Crawls a site: from the start URL, within its origin and path prefix, breadth-first, politely
 * (robots.txt, per-host delay, Retry-After), over plain HTTP, rendering in Chromium only the pages
 * that need JavaScript. Yields one event per URL; pages come out as clean markdown. Returns (as the
 * generator's value) whether it saw the whole site: see CrawlEnd.
 *
 * @example
 * for await (const event of crawl({ startUrl: "https://docs.example.com/", ...limits })) {
 *   if (event.type === "page") console.log(event.page.url, event.page.fetchedVia);
 * }
 */
export async function* crawl(options: CrawlOptions): AsyncGenerator<CrawlEvent, CrawlEnd> {
  // Every worker may be on one host, beside the background sitemap and llms.txt reads.
  const connections = createConnectionPool({ maxSocketsPerHost: options.concurrency + 2 });
  try {
    return yield* crawlThrough(options, connections);
  } finally {
    connections.close(); // however the crawl ended: finished, stopped by the consumer, or failed
  }
}

async function* crawlThrough(
  options: CrawlOptions,
  connections: ConnectionPool,
): AsyncGenerator<CrawlEvent, CrawlEnd> {
  const start = normalizeUrl(parseHttpUrl(options.startUrl));
  const guard = options.egress ? createEgressGuard(options.egress) : undefined;
  const stopped = new AbortController();
  const gate = createHostGate({ delayMs: options.delayMs });
  const startOrigin = new URL(start).origin;
  const privateHeaders = credentialHeaders(options);
  const fetcher = createFetcher({
    userAgent: options.userAgent,
    gate,
    timeoutMs: options.requestTimeoutMs,
    maxBodyBytes: options.maxBodyBytes,
    retries: options.retries,
    maxRetryAfterMs: MAX_RETRY_AFTER_MS,
    ...(options.backoffBaseMs !== undefined ? { backoffBaseMs: options.backoffBaseMs } : {}),
    ...(guard ? { guard } : {}),
    ...(privateHeaders ? { privateHeaders, privateOrigin: startOrigin } : {}),
    // Also stopped when the consumer stops early, so background work (sitemaps) ends with the crawl.
    signal: options.signal ? AbortSignal.any([options.signal, stopped.signal]) : stopped.signal,
    connections,
  });
  const robots = options.respectRobots
    ? createRobotsCache({ fetcher, userAgent: options.userAgent })
    : undefined;
  await preflight(start, { guard, robots, fetcher });
  const startPolicy = robots ? (await robots.forUrl(start)).policy : undefined;
  if (startPolicy?.crawlDelay !== undefined)
    gate.setHostDelay(new URL(start).host, startPolicy.crawlDelay * 1000);

  const { render } = options;
  const renderer =
    render === "never"
      ? undefined
      : createBrowserRenderer({
          userAgent: options.userAgent,
          timeoutMs: options.requestTimeoutMs,
          concurrency: Math.min(2, options.concurrency),
          executablePath: options.chromiumPath,
          ...(guard ? { guard } : {}),
          ...(privateHeaders ? { privateHeaders, privateOrigin: startOrigin } : {}),
        });
  const state = options.stateDir
    ? openCrawlState(options.stateDir, crawlId({ ...options, startUrl: start }), start, {
        fresh: options.fresh ?? false,
      })
    : undefined;
  const pool = createExtractPool({ size: options.extractWorkers, timeoutMs: options.extractTimeoutMs });
  const queue = createWorkQueue(options.maxPages, (item) => state?.markSeen(item.url, item.depth));
  const ctx: CrawlContext = {
    options,
    render,
    site: siteIdFor(start),
    scope: createScope(start, options),
    queue,
    fetcher,
    gate,
    robots,
    renderer,
    stored: new Set(),
    hashes: new Map(),
    lastmods: new Map(),
    previous: undefined,
    extract: (html, url) => pool.extract(html, url),
    llmsLinks: new Set(),
    twins: { enabled: options.markdownTwins !== false, probed: 0, found: 0 },
    prefixCounts: new Map(),
    agentToken: (/^[A-Za-z_-]+/.exec(options.userAgent)?.[0] ?? "agentweb").toLowerCase(),
    limitedBy: new Set(),
    files: { reported: new Set(), pending: [] },
  };
  if (state) restoreFrontier(state, queue, ctx);
  queue.add({ url: start, depth: 0, via: "seed" });
  const llms =
    options.markdownTwins === false && !options.fromLlmsTxt ? undefined : await discoverLlmsTxt(start, ctx);
  for (const link of llms?.links ?? []) {
    ctx.llmsLinks.add(link);
    if (options.fromLlmsTxt && ctx.scope.check(link, 1) === undefined)
      queue.add({ url: link, depth: 1, via: "llms.txt" });
  }
  // With the page budget already spent (a one-page fetch), sitemaps could add nothing.
  if (options.sitemaps !== false && !queue.full) {
    // In the background: the start page is fetched while the sitemaps are read.
    queue.hold();
    void seedFromSitemaps(ctx, start)
      .catch(() => ctx.limitedBy.add("sitemap"))
      .finally(() => queue.done());
  }

  const channel = createChannel<CrawlEvent>(32);
  const emit = (outcome: CrawlOutcome) => channel.push({ ...outcome, queued: queue.pending } as CrawlEvent);
  const worker = async () => {
    for (let item = await queue.take(); item; item = await queue.take()) {
      try {
        const outcome = options.signal?.aborted ? undefined : await processUrl(ctx, item);
        // A request cut short by the abort is not an outcome: a resumed crawl will fetch it.
        if (outcome && !options.signal?.aborted) {
          await emit(outcome);
          for (const file of ctx.files.pending.splice(0)) await emit(file);
        }
      } finally {
        queue.done();
      }
    }
  };
  const abort = () => queue.clear();
  options.signal?.addEventListener("abort", abort, { once: true });
  const run = Promise.all(Array.from({ length: options.concurrency }, worker)).then(
    () => channel.close(),
    (err) => channel.close(err),
  );
  let completed = false;
  try {
    for await (const event of channel) {
      yield event;
      // Recorded once the consumer has handled the event (stored the page), never before.
      // A linked file was never fetched: nothing to resume, and it must not count as a queued URL.
      if (state && !(event.type === "skipped" && ctx.files.reported.has(event.url)))
        recordDone(state, event, ctx);
    }
    completed = !options.signal?.aborted;
  } finally {
    state?.flush(completed);
    queue.clear();
    channel.close();
    stopped.abort(); // in-flight requests end now instead of at their timeout
    await run;
    options.signal?.removeEventListener("abort", abort);
    await renderer?.close();
    await pool.close();
  }
  // Links refused by the page budget (from pages, sitemaps or llms.txt) are not counted one by one.
  if (queue.full) ctx.limitedBy.add("max-pages");
  if (!completed) ctx.limitedBy.add("cancelled");
  const previous = state?.previous;
  return {
    complete: ctx.limitedBy.size === 0,
    limitedBy: [...ctx.limitedBy],
    earlier: previous && !previous.finished ? previous.done : {},
  };
}

/**
 * Fails fast, with exit-code-2 clarity, when the start URL is refused by the egress guard or its
 * host cannot be reached at all; robots.txt (fetched anyway) doubles as the reachability probe.
 */
async function preflight(
  start: string,
  deps: { guard: EgressGuard | undefined; robots: RobotsCache | undefined; fetcher: Fetcher },
): Promise<void> {
  if (deps.guard) await deps.guard.check(start);
  if (deps.robots) {
    const outcome = await deps.robots.forUrl(start);
    if (outcome.unreachable) {
      throw new AgentwebError("UNREACHABLE", `cannot reach ${start}: ${outcome.source}`, {
        data: { url: start },
      });
    }
    return;
  }
  try {
    await deps.fetcher.get(start, { retries: 0, maxBodyBytes: 1024 * 1024 * 1024 });
  } catch (err) {
    if (isAgentwebError(err, "TIMEOUT", "FETCH_FAILED")) {
      throw new AgentwebError("UNREACHABLE", `cannot reach ${start}: ${err.message}`, {
        cause: err,
        data: { url: start },
      });
    }
  }
}

/** Queues every in-scope sitemap URL (depth 1) and remembers its lastmod. */
async function seedFromSitemaps(ctx: CrawlContext, start: string): Promise<void> {
  const policy = ctx.robots ? (await ctx.robots.forUrl(start)).policy : undefined;
  const origin = new URL(start).origin;
  const declared = policy?.sitemaps ?? [];
  // A guessed /sitemap.xml is fetched only where robots.txt allows it (declared ones are invited).
  const roots = sitemapRoots({ origin, declared }).filter(
    (url) => declared.length || !policy || policy.isAllowed(new URL(url).pathname),
  );
  const { entries, problems, truncated } = await readSitemaps(roots, { get: fetcherGet(ctx.fetcher) });
  // A missing sitemap is normal; one that failed to load or was cut short may have listed pages no link reaches.
  if (truncated || problems.some((p) => p.status !== 404 && p.status !== 410)) ctx.limitedBy.add("sitemap");
  for (const entry of entries) {
    let url: string;
    try {
      url = normalizeUrl(entry.url);
    } catch {
      continue;
    }
    if (ctx.scope.check(url, 1) !== undefined) continue;
    if (entry.lastmod) ctx.lastmods.set(url, entry.lastmod);
    ctx.queue.add({ url, depth: 1, via: "sitemap" });
  }
}

function credentialHeaders(options: CrawlOptions): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.originHeaders ?? {})) headers[k.toLowerCase()] = v;
  if (options.cookie) headers.cookie = options.cookie;
  return Object.keys(headers).length ? headers : undefined;
}
