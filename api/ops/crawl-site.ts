import { join } from "node:path";
import { type CrawlEnd, type CrawlEvent, crawl, crawlOptionsFrom } from "../../crawler/crawl.js";
import { createScope } from "../../crawler/frontier/scope.js";
import { createIndexWriter, type IndexWriter } from "../../indexer/index-writer.js";
import type { Config } from "../../schemas/config.js";
import type { ErrorCode } from "../../schemas/errors.js";
import { siteIdFor } from "../../schemas/site-id.js";
import { createSeenPages, type RemovalPlan } from "./crawl-removals.js";
import { createStartCheck } from "./crawl-start.js";
import type { IndexHandle } from "./index-handle.js";
import { recordCrawl, registerSite } from "./site-record.js";
import type { EgressPolicy } from "./url-guard.js";

type SeenPages = ReturnType<typeof createSeenPages>;

export interface CrawlProgress {
  ok: number;
  skipped: number;
  failed: number;
  queued: number;
  chunks: number;
  elapsedMs: number;
}

/** One line of a crawl report: what happened to one URL. */
export type CrawlRecord =
  | {
      url: string;
      status: "ok";
      title: string;
      chunks: number;
      tokens: number;
      fetchedVia: string;
      /** Why the page was rendered in Chromium, when it was. */
      renderReason?: string;
    }
  | { url: string; status: "skipped"; code: ErrorCode; reason: string }
  | { url: string; status: "failed"; code: ErrorCode; reason: string }
  /** A stored page that this complete crawl no longer reached: taken out of the index. */
  | { url: string; status: "removed"; reason: string }
  /** A stored page this crawl did not reach, kept because the crawl reached too little (see `prune`). */
  | { url: string; status: "held"; reason: string };

export interface CrawlHooks {
  onProgress?: (progress: CrawlProgress) => void;
  onRecord?: (record: CrawlRecord) => void;
}

export interface CrawlSummary {
  site: string;
  pages: { ok: number; skipped: number; failed: number };
  chunks: number;
  embedded: number;
  /** Stored pages removed because this complete crawl no longer saw them. */
  removed: number;
  /** Stored pages this crawl did not reach but kept, because it reached too little of the site. */
  held: number;
  /** Why `held` pages were kept. */
  heldBecause?: string;
  durationMs: number;
  problems: { url: string; code: ErrorCode; message: string }[];
  skipped: { url: string; code: ErrorCode; reason: string }[];
}

/**
 * Crawls a site into the index and returns when every page is stored and embedded. A start URL
 * that cannot be fetched ends it with that error before anything is removed; stored pages a
 * complete crawl no longer reaches are removed only when the crawl looks healthy, or with `prune`.
 *
 * @example
 * const summary = await crawlSite(index, { url: "https://docs.example.com/" }, { onProgress: (p) => console.error(p.ok) });
 */
export async function crawlSite(
  index: IndexHandle,
  input: {
    url: string;
    signal?: AbortSignal;
    /** The egress guard policy: set for crawls started through HTTP or MCP. */
    egress?: EgressPolicy;
    /** Discard the saved crawl state and start over (`--fresh`). */
    fresh?: boolean;
    /** Per-crawl limits over the config's (an API crawl job's own maxPages, globs…). */
    limits?: Partial<Pick<Config, "maxPages" | "maxDepth" | "include" | "exclude">>;
    /** Remove the stored pages a complete crawl did not reach even when it reached few (`--prune`). */
    prune?: boolean;
  },
  hooks: CrawlHooks = {},
): Promise<CrawlSummary> {
  const { config, store } = index;
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const embedder = await index.embedder();
  const writer = createIndexWriter({ store, embedder, chunkTokens: config.chunkTokens });
  const progress: CrawlProgress = { ok: 0, skipped: 0, failed: 0, queued: 1, chunks: 0, elapsedMs: 0 };
  const problems: CrawlSummary["problems"] = [];
  const skipped: CrawlSummary["skipped"] = [];
  let site = siteIdFor(input.url);
  await writer.resumePending();
  // A re-crawl that finds a page's content unchanged leaves its chunks alone.
  const storedHashes = await store.pageHashes(site);
  const options = crawlOptionsFrom(config, {
    ...input.limits,
    startUrl: input.url,
    stateDir: join(config.data, "crawls"),
    fresh: input.fresh,
    storedHashes,
    signal: input.signal,
    egress: input.egress,
  });
  const seen = createSeenPages();
  const startCheck = createStartCheck(input.url);
  // 404s wait until the site has served some page: a site failing as a whole is not every page gone.
  const notFound: string[] = [];
  const deleteNotFound = async () => {
    for (const url of notFound.splice(0)) await writer.deletePage(url);
  };
  let registered = false;
  const register = () => {
    registered = true;
    const dims = embedder?.dims ?? store.dims;
    registerSite(index.dataDir, { site, startUrl: input.url, embedder: embedder?.name ?? "none", dims });
  };
  const events = crawl(options);
  let end: CrawlEnd | undefined;
  // Iterated by hand, not with for-await, to receive the crawl's return value (was it complete?).
  try {
    for (let next = await events.next(); ; next = await events.next()) {
      if (next.done) {
        end = next.value;
        break;
      }
      const event = next.value;
      startCheck.note(event);
      seen.note(event);
      if (event.type === "page") {
        const { page } = event;
        site = page.site;
        const chunks = storedHashes.get(page.url) === page.contentHash ? 0 : await writer.addPage(page);
        if (!registered) register();
        progress.chunks += chunks;
        progress.ok += 1;
        hooks.onRecord?.(pageRecord(event, chunks));
      } else if (event.type === "skipped") {
        progress.skipped += 1;
        // Only a page that is gone (404/410) leaves the index; 5xx and timeouts keep the stored copy.
        if (event.code === "NOT_FOUND" && storedHashes.has(event.url)) notFound.push(event.url);
        skipped.push({ url: event.url, code: event.code, reason: event.reason });
        hooks.onRecord?.({ url: event.url, status: "skipped", code: event.code, reason: event.reason });
      } else {
        progress.failed += 1;
        problems.push({ url: event.url, code: event.code, message: event.message });
        hooks.onRecord?.({ url: event.url, status: "failed", code: event.code, reason: event.message });
      }
      if (startCheck.siteAnswers) await deleteNotFound();
      progress.queued = event.queued;
      progress.elapsedMs = Date.now() - started;
      hooks.onProgress?.({ ...progress });
    }
  } finally {
    // As for-await would on an error: the crawl's own cleanup (browser, workers) runs.
    if (!end) await events.return(undefined as never);
  }
  const { embedded } = await writer.finish();
  // Only pages inside this crawl's own scope: another crawl of the same site may have other globs.
  const scope = createScope(input.url, options);
  const plan = await settleUnreached({
    writer,
    hooks,
    stored: [...storedHashes.keys()].filter((url) => scope.check(url, 0) === undefined),
    plan: seen.plan.bind(seen),
    end,
    prune: input.prune ?? false,
    notFound,
    siteAnswers: startCheck.siteAnswers,
  });
  // A site whose pages were all unchanged stored none now, but is indexed all the same.
  if (!registered && storedHashes.size > 0) register();
  recordCrawl(index.dataDir, site, {
    startedAt,
    finishedAt: new Date().toISOString(),
    ok: progress.ok,
    skipped: progress.skipped,
    failed: progress.failed,
  });
  return {
    site,
    pages: { ok: progress.ok, skipped: progress.skipped, failed: progress.failed },
    chunks: progress.chunks,
    embedded,
    removed: plan.remove.length,
    held: plan.held.length,
    ...(plan.heldBecause ? { heldBecause: plan.heldBecause } : {}),
    durationMs: Date.now() - started,
    problems,
    skipped,
  };
}

function pageRecord(event: CrawlEvent & { type: "page" }, chunks: number): CrawlRecord {
  const { page } = event;
  return {
    url: page.url,
    status: "ok",
    title: page.title,
    chunks,
    tokens: page.tokens.markdown,
    fetchedVia: page.fetchedVia,
    ...(event.renderReason ? { renderReason: event.renderReason } : {}),
  };
}

/**
 * The end of a crawl for the stored pages it did not reach: removed when the crawl was complete and
 * healthy (or `prune`), otherwise held and reported; pages that answered 404 go only once the site
 * has served some page in this crawl.
 */
async function settleUnreached(a: {
  writer: IndexWriter;
  hooks: CrawlHooks;
  /** Stored pages inside this crawl's scope. */
  stored: string[];
  plan: SeenPages["plan"];
  end: CrawlEnd | undefined;
  prune: boolean;
  notFound: string[];
  siteAnswers: boolean;
}): Promise<RemovalPlan> {
  const plan = a.plan(a.stored, a.end, { prune: a.prune });
  for (const url of plan.remove) {
    await a.writer.deletePage(url);
    a.hooks.onRecord?.({
      url,
      status: "removed",
      reason: "no longer reached by a complete crawl of the site",
    });
  }
  for (const url of plan.held) {
    const reason = `not reached, kept: ${plan.heldBecause} (--prune removes it)`;
    a.hooks.onRecord?.({ url, status: "held", reason });
  }
  if (a.siteAnswers || a.prune) {
    for (const url of a.notFound.splice(0)) await a.writer.deletePage(url);
  } else if (a.notFound.length) {
    plan.heldBecause ??= "the site answered 404 to every page this crawl asked for";
    for (const url of a.notFound) {
      plan.held.push(url);
      const reason = "answered 404, kept: the site served no page in this crawl (--prune removes it)";
      a.hooks.onRecord?.({ url, status: "held", reason });
    }
  }
  return plan;
}
