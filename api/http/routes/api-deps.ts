import type { CrawlJobs } from "../../ops/crawl-jobs.js";
import type { IndexHandle } from "../../ops/index-handle.js";
import type { EgressPolicy } from "../../ops/url-guard.js";

/** What the API routes are built over: the open index, the crawl jobs and the egress guard. */
export interface ApiDeps {
  index: IndexHandle;
  jobs: CrawlJobs;
  /** The egress guard's policy for every fetch the server is asked for (crawls, `fresh=1`, audits, llms.txt). */
  egress: EgressPolicy;
  version: string;
}
