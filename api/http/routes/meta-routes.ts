import type { Hono } from "hono";
import type { RouteRegistry } from "../api-route.js";
import { requireScope } from "../auth.js";
import { renderDocsPage } from "../docs-page.js";
import type { Metrics } from "../metrics.js";
import { buildOpenApi } from "../openapi.js";
import type { ApiDeps } from "./api-deps.js";

/**
 * The API describing itself: `/openapi.json` and `/v1/docs` (public), `/metrics` (Prometheus
 * text; read scope, since request and crawl counts say something about the index). Register after
 * every documented route: the documents are built once, from the complete registry, on first use.
 *
 * @example registerMetaRoutes(app, registry, deps, metrics);
 */
export function registerMetaRoutes(
  app: Hono,
  registry: RouteRegistry,
  deps: ApiDeps,
  metrics: Metrics,
): void {
  let openapi: Record<string, unknown> | undefined;
  let docs: string | undefined;
  const doc = () => (openapi ??= buildOpenApi(registry, { version: deps.version }));
  app.get("/openapi.json", (c) => c.json(doc()));
  app.get("/v1/docs", (c) => {
    docs ??= renderDocsPage(doc());
    return c.html(docs);
  });
  app.get("/metrics", requireScope("read"), (c) =>
    c.body(metrics.render({ crawl: () => deps.jobs.stats() }), 200, {
      "content-type": "text/plain; version=0.0.4; charset=utf-8",
    }),
  );
}
