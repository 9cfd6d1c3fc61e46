import { randomUUID } from "node:crypto";
import type { AuditJob, AuditReport, AuditRequest } from "../../schemas/audit.js";
import { AgentwebError, isAgentwebError } from "../../schemas/errors.js";
import { type AuditSiteOptions, auditSite } from "./audit-site.js";

/** Finished jobs kept in memory (with their reports); the oldest go first. */
const KEEP = 50;

/**
 * Audit jobs of a server: started over HTTP, run one at a time (each may drive Chromium), kept in
 * memory with their reports. Unlike crawl jobs they are not persisted: an audit is cheap to run
 * again and changes nothing.
 *
 * @example
 * const audits = createAuditJobs({ userAgent, timeoutMs: 20_000, maxBytes: 10e6, chromiumPath: "/usr/bin/chromium", egress });
 * const job = audits.start({ url: "https://docs.example.com/" });
 * audits.report(job.id); // throws NOT_FOUND until done
 */
export function createAuditJobs(options: Omit<AuditSiteOptions, "onProgress">) {
  const jobs = new Map<string, { job: AuditJob; report?: AuditReport }>();
  const queue: string[] = [];
  let running = false;

  const pump = async () => {
    if (running) return;
    const id = queue.shift();
    if (!id) return;
    running = true;
    const entry = jobs.get(id)!;
    entry.job = { ...entry.job, state: "running" };
    try {
      const report = await auditSite(entry.job.request, {
        ...options,
        onProgress: (step, pages) => {
          entry.job = { ...entry.job, progress: { step, pages } };
        },
      });
      entry.report = report;
      entry.job = {
        ...entry.job,
        state: "done",
        score: report.score,
        progress: { step: "done", pages: report.pages.length },
        finishedAt: new Date().toISOString(),
      };
    } catch (err) {
      entry.job = {
        ...entry.job,
        state: "failed",
        finishedAt: new Date().toISOString(),
        error: isAgentwebError(err)
          ? { code: err.code, message: err.message }
          : { code: "INTERNAL", message: "internal error" },
      };
    } finally {
      running = false;
      void pump();
    }
  };

  const find = (id: string) => {
    const entry = jobs.get(id);
    if (!entry) throw new AgentwebError("NOT_FOUND", `no audit job ${id}`);
    return entry;
  };

  return {
    start(request: AuditRequest): AuditJob {
      const job: AuditJob = {
        id: randomUUID(),
        state: "queued",
        request,
        createdAt: new Date().toISOString(),
        progress: { step: "queued", pages: 0 },
      };
      jobs.set(job.id, { job });
      for (const old of [...jobs.keys()].slice(0, Math.max(0, jobs.size - KEEP))) jobs.delete(old);
      queue.push(job.id);
      void pump();
      return job;
    },
    get: (id: string): AuditJob => find(id).job,
    /** The finished report; NOT_FOUND while the job runs or when it failed. */
    report(id: string): AuditReport {
      const entry = find(id);
      if (!entry.report)
        throw new AgentwebError("NOT_FOUND", `audit job ${id} has no report (${entry.job.state})`);
      return entry.report;
    },
  };
}

export type AuditJobs = ReturnType<typeof createAuditJobs>;
