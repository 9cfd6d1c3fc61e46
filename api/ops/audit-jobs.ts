import { randomUUID } from "node:crypto";
import type { AuditJob, AuditReport, AuditRequest } from "../../schemas/audit.js";
import { AgentwebError, isAgentwebError } from "../../schemas/errors.js";
import { type AuditSiteOptions, auditSite } from "./audit-site.js";
import { createJobRunner } from "./job-runner.js";

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
  const reports = new Map<string, AuditReport>();
  const runner = createJobRunner<AuditJob>({
    isTerminal: (job) => job.state === "done" || job.state === "failed",
    keep: KEEP,
    run: async (queued) => {
      let job: AuditJob = { ...queued, state: "running" };
      runner.publish(job);
      try {
        const report = await auditSite(job.request, {
          ...options,
          onProgress: (step, pages) => {
            job = { ...job, progress: { step, pages } };
            runner.publish(job);
          },
        });
        reports.set(job.id, report);
        job = {
          ...job,
          state: "done",
          score: report.score,
          progress: { step: "done", pages: report.pages.length },
          finishedAt: new Date().toISOString(),
        };
      } catch (err) {
        job = {
          ...job,
          state: "failed",
          finishedAt: new Date().toISOString(),
          error: isAgentwebError(err)
            ? { code: err.code, message: err.message }
            : { code: "INTERNAL", message: "internal error" },
        };
      }
      runner.publish(job);
    },
  });

  const find = (id: string): AuditJob => {
    const job = runner.get(id);
    if (!job) throw new AgentwebError("NOT_FOUND", `no audit job ${id}`);
    return job;
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
      // Reports go with the finished jobs the runner no longer keeps.
      for (const id of reports.keys()) if (!runner.get(id)) reports.delete(id);
      runner.enqueue(job);
      return job;
    },
    get: find,
    /** The finished report; NOT_FOUND while the job runs or when it failed. */
    report(id: string): AuditReport {
      const job = find(id);
      const report = reports.get(id);
      if (!report) throw new AgentwebError("NOT_FOUND", `audit job ${id} has no report (${job.state})`);
      return report;
    },
  };
}

export type AuditJobs = ReturnType<typeof createAuditJobs>;
