import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CrawlJob } from "../../schemas/api.js";

/**
 * Crawl jobs persisted as one JSON file each under `<data>/jobs/`, so a server restart finds the
 * jobs it was running and runs them again. Writes are atomic (temp file + rename).
 *
 * @example
 * const files = crawlJobFiles("./.agentweb");
 * files.save(job);
 * const jobs = files.loadAll();
 */
export function crawlJobFiles(dataRoot: string) {
  const dir = join(dataRoot, "jobs");
  return {
    save(job: CrawlJob): void {
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
      const path = join(dir, `${job.id}.json`);
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(job)}\n`);
      renameSync(tmp, path);
    },
    /** Every readable job, oldest first; unreadable files are skipped, never fatal. */
    loadAll(): CrawlJob[] {
      if (!existsSync(dir)) return [];
      const jobs: CrawlJob[] = [];
      for (const name of readdirSync(dir)) {
        if (!name.endsWith(".json")) continue;
        try {
          jobs.push(CrawlJob.parse(JSON.parse(readFileSync(join(dir, name), "utf8"))));
        } catch {
          // A half-written or foreign file must not keep the server from starting.
        }
      }
      return jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
  };
}
