import { randomUUID } from "node:crypto";
import type { EgressPolicy } from "../../crawler/fetch/egress-guard.js";
import type { CrawlJob, CrawlRequest } from "../../schemas/api.js";
import { AgentwebError, isAgentwebError } from "../../schemas/errors.js";
import { siteIdFor } from "../../schemas/site-id.js";
import { crawlJobFiles } from "./crawl-job-files.js";
import { type CrawlProgress, crawlSite } from "./crawl-site.js";
import type { IndexHandle } from "./index-handle.js";
import { type Logger, silentLogger } from "./logger.js";
import { pagesPerSecond } from "./present.js";
import { assertAllowed } from "./url-guard.js";

/** Progress is persisted at most this often; state changes always. */
const SAVE_EVERY_MS = 1000;

const TERMINAL = new Set(["done", "failed", "cancelled"]);

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
  const jobs = new Map<string, CrawlJob>();
  const listeners = new Map<string, Set<(job: CrawlJob) => void>>();
  const queue: string[] = [];
  const totals = {
    started: 0,
    done: 0,
    failed: 0,
    cancelled: 0,
    pagesOk: 0,
    pagesFailed: 0,
    pagesSkipped: 0,
  };
  let running: { id: string; abort: AbortController; finished: Promise<void> } | undefined;
  let closing = false;

  const publish = (job: CrawlJob, persist: boolean) => {
    jobs.set(job.id, job);
    if (persist) files.save(job);
    for (const fn of listeners.get(job.id) ?? []) fn(job);
  };

  const run = async (id: string) => {
    const initial = jobs.get(id)!;
    const abort = new AbortController();
    let job: CrawlJob = {
      ...initial,
      state: "running",
      startedAt: new Date().toISOString(),
      attempts: initial.attempts + 1,
    };
    publish(job, true);
    totals.started += 1;
    let lastSave = Date.now();
    const onProgress = (p: CrawlProgress) => {
      const done = p.ok + p.skipped + p.failed;
      job = {
        ...job,
        progress: {
          done,
          ok: p.ok,
          skipped: p.skipped,
          failed: p.failed,
          queued: p.queued,
          chunks: p.chunks,
          pagesPerSecond: pagesPerSecond(done, p.elapsedMs),
        },
      };
      const persist = Date.now() - lastSave >= SAVE_EVERY_MS;
      if (persist) lastSave = Date.now();
      publish(job, persist);
    };
    const finished = (async () => {
      try {
        const { url, prune, ...limits } = job.request;
        const summary = await crawlSite(
          index,
          {
            url,
            signal: abort.signal,
            limits,
            ...(prune ? { prune } : {}),
            ...(options.egress ? { egress: options.egress } : {}),
          },
          { onProgress },
        );
        totals.pagesOk += summary.pages.ok;
        totals.pagesFailed += summary.pages.failed;
        totals.pagesSkipped += summary.pages.skipped;
        job = { ...job, site: summary.site };
        // Interrupted by shutdown: left "running" on disk so the next start runs it again.
        if (closing && abort.signal.aborted) return;
        job = {
          ...job,
          state: abort.signal.aborted ? "cancelled" : "done",
          finishedAt: new Date().toISOString(),
        };
      } catch (err) {
        if (closing) return;
        const code = isAgentwebError(err) ? err.code : "INTERNAL";
        const message = isAgentwebError(err) ? err.message : "internal error";
        // The job reports only the code to its caller; the operator's log keeps what went wrong.
        if (code === "INTERNAL") log.error("crawl job failed", { id, error: String(err) });
        job = {
          ...job,
          state: abort.signal.aborted ? "cancelled" : "failed",
          finishedAt: new Date().toISOString(),
          error: { code, message },
        };
      }
      totals[job.state as "done" | "failed" | "cancelled"] += 1;
      publish(job, true);
    })();
    running = { id, abort, finished };
    await finished;
    running = undefined;
  };

  const pump = async () => {
    if (running || closing) return;
    const next = queue.shift();
    if (!next) return;
    await run(next);
    void pump();
  };

  // Jobs a previous process left queued or running start again, in their original order.
  for (const job of files.loadAll()) {
    jobs.set(job.id, job);
    if (!TERMINAL.has(job.state)) {
      jobs.set(job.id, { ...job, state: "queued" });
      queue.push(job.id);
    }
  }
  void pump();

  return {
    /** Checks the (parsed) request's start URL against the guard, queues the job and returns it. */
    async start(request: CrawlRequest): Promise<CrawlJob> {
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
      publish(job, true);
      queue.push(job.id);
      void pump();
      return jobs.get(job.id)!;
    },

    get(id: string): CrawlJob {
      const job = jobs.get(id);
      if (!job) throw new AgentwebError("NOT_FOUND", `no crawl job ${id}`, { data: { id } });
      return job;
    },

    /** Cancels a queued or running job (a finished one is returned as it is). */
    async cancel(id: string): Promise<CrawlJob> {
      const job = this.get(id);
      if (TERMINAL.has(job.state)) return job;
      if (running?.id === id) {
        running.abort.abort();
        await running.finished;
        return jobs.get(id)!;
      }
      const at = queue.indexOf(id);
      if (at >= 0) queue.splice(at, 1);
      const cancelled: CrawlJob = { ...job, state: "cancelled", finishedAt: new Date().toISOString() };
      totals.cancelled += 1;
      publish(cancelled, true);
      return cancelled;
    },

    /** Calls `fn` with each update of the job until unsubscribed. */
    subscribe(id: string, fn: (job: CrawlJob) => void): () => void {
      const set = listeners.get(id) ?? new Set();
      set.add(fn);
      listeners.set(id, set);
      return () => {
        set.delete(fn);
        if (set.size === 0) listeners.delete(id);
      };
    },

    /** True while a job for `site` is queued or running (deleting it then is refused). */
    busy(site: string): boolean {
      return [...jobs.values()].some((j) => j.site === site && !TERMINAL.has(j.state));
    },

    isTerminal(job: CrawlJob): boolean {
      return TERMINAL.has(job.state);
    },

    /** Counters for /metrics. */
    stats() {
      return { ...totals, queued: queue.length, running: running ? 1 : 0 };
    },

    /** Stops the running job without marking it finished, so the next start resumes it. */
    async close(): Promise<void> {
      closing = true;
      if (running) {
        running.abort.abort();
        await running.finished.catch(() => {});
      }
    },
  };
}

export type CrawlJobs = ReturnType<typeof createCrawlJobs>;
