import { Hono } from "hono";
import { AgentwebError, isAgentwebError } from "../../schemas/errors.js";
import { type CrawlJobs, createCrawlJobs } from "../ops/crawl-jobs.js";
import type { IndexHandle } from "../ops/index-handle.js";
import { type Logger, silentLogger } from "../ops/logger.js";
import type { EgressPolicy } from "../ops/url-guard.js";
import { egressPolicyFor } from "../ops/url-guard.js";
import { registerApiGuards } from "./api-guards.js";
import type { RouteRegistry } from "./api-route.js";
import { registerHostingRoutes } from "./hosting-routes.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { sendProblem, toProblem } from "./problem.js";
import { registerReadiness } from "./readiness.js";
import type { ApiDeps } from "./routes/api-deps.js";
import { registerAuditRoutes } from "./routes/audit-routes.js";
import { registerCrawlRoutes } from "./routes/crawl-routes.js";
import { registerLlmsTxtRoutes } from "./routes/llms-txt-routes.js";
import { registerMcpRoute } from "./routes/mcp-route.js";
import { registerMetaRoutes } from "./routes/meta-routes.js";
import { registerReadRoutes } from "./routes/read-routes.js";
import { registerSiteRoutes } from "./routes/site-routes.js";

/**
 * The HTTP API as a Hono app over the ops layer. Dependencies come in; nothing is read from the
 * environment here.
 *
 * Crawl jobs and the egress policy are built from the index's config unless given (tests inject a
 * policy with a fake resolver; the server passes jobs it closes on shutdown).
 *
 * @example
 * const app = createApp({ index, version: "0.1.0" });
 * const res = await app.request("/v1/search?q=retries");
 */
export function createApp(deps: {
  index: IndexHandle;
  version: string;
  logger?: Logger;
  jobs?: CrawlJobs;
  egress?: EgressPolicy;
  metrics?: Metrics;
}) {
  const { index } = deps;
  const log = deps.logger ?? silentLogger;
  const app = new Hono();
  const metrics = deps.metrics ?? createMetrics();
  const egress = deps.egress ?? egressPolicyFor(index.config);
  const api: ApiDeps = {
    index,
    egress,
    version: deps.version,
    jobs: deps.jobs ?? createCrawlJobs(index, { egress }),
  };
  const registry: RouteRegistry = [];

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    metrics.observe(c.req.method, c.req.routePath, c.res.status, (performance.now() - started) / 1000);
    log.info("request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  registerApiGuards(app, index.config);

  app.get("/healthz", (c) => c.json({ status: "ok", version: deps.version }));
  registerReadiness(app, index);
  registerReadRoutes(app, registry, api);
  registerSiteRoutes(app, registry, api);
  registerCrawlRoutes(app, registry, api);
  registerAuditRoutes(app, registry, api);
  registerLlmsTxtRoutes(app, registry, api);
  registerMcpRoute(app, api, index.config);

  // Public hosting of published sites: /sites/:siteId/llms.txt, …/<page path>.md and the root site.
  registerHostingRoutes(app, { index });
  registerMetaRoutes(app, registry, api, metrics);

  app.notFound((c) =>
    sendProblem(c, toProblem(new AgentwebError("NOT_FOUND", `no route for ${c.req.method} ${c.req.path}`))),
  );
  app.onError((err, c) => {
    const problem = toProblem(err);
    const retryAfter = isAgentwebError(err, "RATE_LIMITED") ? err.data?.retryAfter : undefined;
    if (retryAfter !== undefined) c.header("retry-after", String(retryAfter));
    if (problem.status >= 500) log.error("request failed", { path: c.req.path, error: String(err) });
    return sendProblem(c, problem);
  });
  return app;
}
