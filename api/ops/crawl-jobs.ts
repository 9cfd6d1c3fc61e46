import { randomUUID } from "node:crypto";
import type { CrawlJob, CrawlRequest } from "../../schemas/api.js";
import { AgentwebError, isAgentwebError } from "../../schemas/errors.js";
import { siteIdFor } from "../../schemas/site-id.js";
import { crawlJobFiles } from "./crawl-job-files.js";
import { type CrawlProgress, crawlSite } from "./crawl-site.js";
import { assertWritable, type IndexHandle } from "./index-handle.js";
import { createJobRunner, type JobRunner } from "./job-runner.js";
import { type Logger, silentLogger } from "./logger.js";
import { pagesPerSecond } from "./present.js";
import type { EgressPolicy } from "./url-guard.js";
import { assertAllowed } from "./url-guard.js";

/** Progress is persisted at most this often; state changes always. */
const SAVE_EVERY_MS = 1000;

const TERMINAL = new Set(["done", "failed", "cancelled"]);

/** Counters for /metrics. */
interface CrawlJobTotals {
  started: number;
  done: number;
  failed: number;
  cancelled: number;
  pagesOk: number;
  pagesFailed: number;
  pagesSkipped: number;
}

/**
 * Crawl jobs of a server: started over HTTP or MCP, run one at a time (one writer per table),
 * observable while they run, cancellable, and persisted under the data dir so that jobs a restart
 * interrupted run again (pages already stored are upserts: re-running is idempotent).
 *
 * @example
 * const jobs = createCrawlJobs(index, { egress: egressPolicyFor(config) });
 * const job = await jobs.start({ url: "https://docs.example.com/" });
 * const off = jobs.subscribe(job.id, (j) => console.log(j.progress.done));
 */
export function createCrawlJobs(
  index: IndexHandle,
  options: { egress?: EgressPolicy; logger?: Logger } = {},
) {
  const log = options.logger ?? silentLogger;
  const files = crawlJobFiles(index.dataDir.root);
  const totals: CrawlJobTotals = {
    started: 0,
    done: 0,
    failed: 0,
    cancelled: 0,
    pagesOk: 0,
    pagesFailed: 0,
    pagesSkipped: 0,
  };
  const isTerminal = (job: CrawlJob) => TERMINAL.has(job.state);

  const runner: JobRunner<CrawlJob> = createJobRunner<CrawlJob>({
    run: (job, signal) =>
      runCrawlJob(
        {
          index,
          egress: options.egress,
          log,
          totals,
          publish: (j, p) => runner.publish(j, p),
          closing: () => runner.closing,
        },
        job,
        signal,
      ),
    isTerminal,
    onChange: (job, persist) => {
      if (persist) files.save(job);
    },
  });

  // Jobs a previous process left queued or running start again, in their original order; they
  // belong to the writer, so a read-only replica leaves them alone.
  for (const job of index.writable ? files.loadAll() : []) {
    if (isTerminal(job)) runner.remember(job);
    else runner.enqueue({ ...job, state: "queued" }, false);
  }

  const get = (id: string): CrawlJob => {
    const job = runner.get(id);
    if (!job) throw new AgentwebError("NOT_FOUND", `no crawl job ${id}`, { data: { id } });
    return job;
  };

  return {
    /** Checks the (parsed) request's start URL against the guard, queues the job and returns it. */
    async start(request: CrawlRequest): Promise<CrawlJob> {
      assertWritable(index, "start a crawl");
      if (options.egress) await assertAllowed(options.egress, request.url);
      const job: CrawlJob = {
        id: randomUUID(),
        state: "queued",
        request,
        site: siteIdFor(request.url),
        createdAt: new Date().toISOString(),
        attempts: 0,
        progress: { done: 0, ok: 0, skipped: 0, failed: 0, queued: 1, chunks: 0, pagesPerSecond: 0 },
      };
      runner.enqueue(job);
      return get(job.id);
    },

    get,

    /** Cancels a queued or running job (a finished one is returned as it is). */
    async cancel(id: string): Promise<CrawlJob> {
      const job = get(id);
      if (isTerminal(job)) return job;
      const stopped = await runner.stop(id);
      if (stopped === "running") return get(id);
      const cancelled: CrawlJob = { ...job, state: "cancelled", finishedAt: new Date().toISOString() };
      totals.cancelled += 1;
      runner.publish(cancelled);
      return cancelled;
    },

    /** Calls `fn` with each update of the job until unsubscribed. */
    subscribe: runner.subscribe,

    /** True while a job for `site` is queued or running (deleting it then is refused). */
    busy(site: string): boolean {
      return [...runner.values()].some((j) => j.site === site && !isTerminal(j));
    },

    isTerminal,

    /** Counters for /metrics. */
    stats() {
      return { ...totals, ...runner.counts() };
    },

    /** Stops the running job without marking it finished, so the next start resumes it. */
    close: runner.close,
  };
}

export type CrawlJobs = ReturnType<typeof createCrawlJobs>;

/** What running one crawl job needs from its owner. */
interface CrawlJobDeps {
  index: IndexHandle;
  egress: EgressPolicy | undefined;
  log: Logger;
  totals: CrawlJobTotals;
  publish: (job: CrawlJob, persist?: boolean) => void;
  /** True when the server is shutting down: an aborted job then stays "running" to be resumed. */
  closing: () => boolean;
}

/** Runs one crawl job to its end: progress published as it goes, the outcome counted. */
async function runCrawlJob(deps: CrawlJobDeps, initial: CrawlJob, signal: AbortSignal): Promise<void> {
  const { index, totals } = deps;
  let job: CrawlJob = {
    ...initial,
    state: "running",
    startedAt: new Date().toISOString(),
    attempts: initial.attempts + 1,
  };
  deps.publish(job);
  totals.started += 1;
  let lastSave = Date.now();
  const onProgress = (p: CrawlProgress) => {
    const done = p.ok + p.skipped + p.failed;
    const progress = {
      done,
      ok: p.ok,
      skipped: p.skipped,
      failed: p.failed,
      queued: p.queued,
      chunks: p.chunks,
    };
    job = { ...job, progress: { ...progress, pagesPerSecond: pagesPerSecond(done, p.elapsedMs) } };
    const persist = Date.now() - lastSave >= SAVE_EVERY_MS;
    if (persist) lastSave = Date.now();
    deps.publish(job, persist);
  };
  try {
    const { url, prune, ...limits } = job.request;
    const summary = await crawlSite(
      index,
      {
        url,
        signal,
        limits,
        ...(prune ? { prune } : {}),
        ...(deps.egress ? { egress: deps.egress } : {}),
      },
      { onProgress },
    );
    totals.pagesOk += summary.pages.ok;
    totals.pagesFailed += summary.pages.failed;
    totals.pagesSkipped += summary.pages.skipped;
    job = { ...job, site: summary.site };
    // Interrupted by shutdown: left "running" on disk so the next start runs it again.
    if (deps.closing() && signal.aborted) return;
    job = { ...job, state: signal.aborted ? "cancelled" : "done", finishedAt: new Date().toISOString() };
  } catch (err) {
    if (deps.closing()) return;
    const code = isAgentwebError(err) ? err.code : "INTERNAL";
    const message = isAgentwebError(err) ? err.message : "internal error";
    // The job reports only the code to its caller; the operator's log keeps what went wrong.
    if (code === "INTERNAL") deps.log.error("crawl job failed", { id: job.id, error: String(err) });
    job = {
      ...job,
      state: signal.aborted ? "cancelled" : "failed",
      finishedAt: new Date().toISOString(),
      error: { code, message },
    };
  }
  totals[job.state as "done" | "failed" | "cancelled"] += 1;
  deps.publish(job);
}
