/** A job the runner can hold: an id, and whether it is finished (see `isTerminal`). */
export interface RunnableJob {
  id: string;
  state: string;
}

export interface JobRunnerOptions<J extends RunnableJob> {
  /** Runs one job to its end, publishing its changes; `signal` aborts it (a cancel or close). */
  run: (job: J, signal: AbortSignal) => Promise<void>;
  isTerminal: (job: J) => boolean;
  /** Told of every change of a job; `persist` says whether it is worth saving now. */
  onChange?: (job: J, persist: boolean) => void;
  /** Finished jobs kept beyond the newest this many are forgotten, oldest first. */
  keep?: number;
}

/**
 * The one job runner behind crawl and audit jobs: jobs wait in arrival order and run one at a
 * time (each is heavy: one writer per table, or a Chromium), are observable while they run,
 * stoppable, and closed with the server. What a job does and how it is stored is its owner's.
 *
 * @example
 * const runner = createJobRunner<AuditJob>({ run: async (job, signal) => …, isTerminal: (j) => j.state === "done" });
 * runner.enqueue({ id, state: "queued", … });
 */
export function createJobRunner<J extends RunnableJob>(options: JobRunnerOptions<J>) {
  const jobs = new Map<string, J>();
  const listeners = new Map<string, Set<(job: J) => void>>();
  const queue: string[] = [];
  let running: { id: string; abort: AbortController; finished: Promise<void> } | undefined;
  let closing = false;

  const publish = (job: J, persist = true) => {
    jobs.set(job.id, job);
    options.onChange?.(job, persist);
    for (const fn of listeners.get(job.id) ?? []) fn(job);
  };

  const forgetOld = () => {
    if (options.keep === undefined) return;
    const done = [...jobs.values()].filter(options.isTerminal);
    for (const job of done.slice(0, Math.max(0, done.length - options.keep))) jobs.delete(job.id);
  };

  const pump = async () => {
    if (running || closing) return;
    const id = queue.shift();
    if (!id) return;
    const abort = new AbortController();
    const finished = options.run(jobs.get(id)!, abort.signal).catch(() => {});
    running = { id, abort, finished };
    await finished;
    running = undefined;
    forgetOld();
    void pump();
  };

  return {
    publish,
    get: (id: string): J | undefined => jobs.get(id),
    values: () => jobs.values(),

    /** Holds the job and queues it; `persist: false` for a job read back from storage. */
    enqueue(job: J, persist = true): void {
      publish(job, persist);
      queue.push(job.id);
      void pump();
    },

    /** Holds a job without running it (a finished one read back from storage). */
    remember(job: J): void {
      jobs.set(job.id, job);
    },

    /**
     * Stops a job: a running one is aborted and waited for ("running"), a queued one leaves the
     * queue ("queued"); a finished or unknown one is left alone (undefined).
     */
    async stop(id: string): Promise<"running" | "queued" | undefined> {
      if (running?.id === id) {
        running.abort.abort();
        await running.finished;
        return "running";
      }
      const at = queue.indexOf(id);
      if (at < 0) return undefined;
      queue.splice(at, 1);
      return "queued";
    },

    /** Calls `fn` with each change of the job until unsubscribed. */
    subscribe(id: string, fn: (job: J) => void): () => void {
      const set = listeners.get(id) ?? new Set();
      set.add(fn);
      listeners.set(id, set);
      return () => {
        set.delete(fn);
        if (set.size === 0) listeners.delete(id);
      };
    },

    counts: () => ({ queued: queue.length, running: running ? 1 : 0 }),
    /** True once close() was called: a job stopped now was interrupted, not cancelled. */
    get closing(): boolean {
      return closing;
    },

    /** Stops taking jobs and aborts the running one, waiting for it to end. */
    async close(): Promise<void> {
      closing = true;
      if (running) {
        running.abort.abort();
        await running.finished;
      }
    },
  };
}

export type JobRunner<J extends RunnableJob> = ReturnType<typeof createJobRunner<J>>;
