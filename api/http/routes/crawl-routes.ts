import type { Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { CrawlJob, CrawlJobRequest, CrawlRequest } from "../../../schemas/api.js";
import { addRoute, type RouteRegistry } from "../api-route.js";
import type { ApiDeps } from "./api-deps.js";

/** A quiet event stream still sends a comment this often, so proxies keep it open. */
const KEEPALIVE_MS = 15_000;

/**
 * Crawl jobs (admin): start, progress, a server-sent-events stream of progress, cancel. The start
 * URL goes through the egress guard before the job is accepted.
 *
 * @example registerCrawlRoutes(app, registry, deps);
 */
export function registerCrawlRoutes(app: Hono, registry: RouteRegistry, deps: ApiDeps): void {
  const { jobs } = deps;
  addRoute(
    app,
    registry,
    {
      method: "post",
      path: "/v1/crawls",
      summary: "Start a crawl job",
      description:
        "Queues a crawl of the site at url (same origin, under its directory). Jobs run one at a time and resume after a server restart. Private, loopback and metadata addresses are refused unless the operator allow-lists them.",
      access: "admin",
      body: CrawlRequest,
      responses: { 202: { description: "The job, queued", schema: CrawlJob } },
    },
    async (c, { body }) => {
      const job = await jobs.start(body);
      c.header("location", `/v1/crawls/${job.id}`);
      return c.json(job, 202);
    },
  );
  addRoute(
    app,
    registry,
    {
      method: "get",
      path: "/v1/crawls/{id}",
      summary: "A crawl job's state and progress",
      access: "admin",
      params: CrawlJobRequest,
      responses: { 200: { description: "The job", schema: CrawlJob }, 404: { description: "Unknown job" } },
    },
    async (c, { params }) => c.json(jobs.get(params.id)),
  );
  addRoute(
    app,
    registry,
    {
      method: "get",
      path: "/v1/crawls/{id}/events",
      summary: "A crawl job's progress as server-sent events",
      description:
        "One `progress` event per update (data: the job), then one `end` event when the job is finished.",
      access: "admin",
      params: CrawlJobRequest,
      responses: { 200: { description: "An event stream", type: "text/event-stream" } },
    },
    async (c, { params }) => streamJob(c, jobs, params.id),
  );
  addRoute(
    app,
    registry,
    {
      method: "delete",
      path: "/v1/crawls/{id}",
      summary: "Cancel a crawl job",
      description:
        "Stops a queued or running job; pages already stored stay. A finished job is returned unchanged.",
      access: "admin",
      params: CrawlJobRequest,
      responses: {
        200: { description: "The job after cancelling", schema: CrawlJob },
        404: { description: "Unknown job" },
      },
    },
    async (c, { params }) => c.json(await jobs.cancel(params.id)),
  );
}

/** A job's updates as server-sent events, bursts collapsed to the newest state, until it ends. */
function streamJob(c: Context, jobs: ApiDeps["jobs"], id: string): Response {
  const first = jobs.get(id);
  return streamSSE(c, async (stream) => {
    const updates: CrawlJob[] = [first];
    let wake: (() => void) | undefined;
    const off = jobs.subscribe(id, (job) => {
      updates.push(job);
      wake?.();
    });
    stream.onAbort(() => wake?.());
    try {
      while (!stream.aborted) {
        const job = updates.shift();
        if (!job) {
          let timer: NodeJS.Timeout | undefined;
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, KEEPALIVE_MS);
          });
          clearTimeout(timer);
          if (updates.length === 0 && !stream.aborted) await stream.write(": keep-alive\n\n");
          continue;
        }
        const latest = updates.length ? updates.splice(0).at(-1)! : job;
        const done = jobs.isTerminal(latest);
        await stream.writeSSE({ event: done ? "end" : "progress", data: JSON.stringify(latest) });
        if (done) break;
      }
    } finally {
      off();
    }
  });
}
