import { Hono } from "hono";
import { AgentwebError } from "../../schemas/errors.js";
import type { Page } from "../../schemas/page.js";
import { getPage } from "../ops/get-page.js";
import type { IndexHandle } from "../ops/index-handle.js";
import { searchDocs } from "../ops/search-docs.js";
import { registerHostingRoutes } from "./hosting-routes.js";
import { sendProblem, toProblem } from "./problem.js";

/** A structured log line; the server decides where it goes. */
export type LogFn = (entry: Record<string, unknown>) => void;

/**
 * The HTTP API as a Hono app over the ops layer. Dependencies come in; nothing is read from the
 * environment here.
 *
 * @example
 * const app = createApp({ index, version: "0.1.0" });
 * const res = await app.request("/v1/search?q=retries");
 */
export function createApp(deps: { index: IndexHandle; version: string; log?: LogFn }) {
  const { index } = deps;
  const log = deps.log ?? (() => {});
  const app = new Hono();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    log({
      level: "info",
      msg: "request",
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  app.get("/healthz", (c) => c.json({ status: "ok", version: deps.version }));

  app.get("/v1/search", async (c) => {
    const q = c.req.query();
    return c.json(
      await searchDocs(index, { q: q.q ?? "", k: q.k, site: q.site, path: q.path, mode: q.mode, group: q.group } as never),
    );
  });

  app.get("/v1/page", async (c) => {
    const url = c.req.query("url");
    if (!url) throw new AgentwebError("INVALID_INPUT", "url is required");
    const format = c.req.query("format") ?? "markdown";
    const page = await getPage(index, { url });
    return renderPage(c, page, format);
  });

  // Public hosting of published sites: /sites/:siteId/llms.txt, …/<page path>.md and the root site.
  registerHostingRoutes(app, { index });

  app.notFound((c) => sendProblem(c, toProblem(new AgentwebError("NOT_FOUND", `no route for ${c.req.method} ${c.req.path}`))));
  app.onError((err, c) => {
    const problem = toProblem(err);
    if (problem.status >= 500) log({ level: "error", msg: "request failed", path: c.req.path, error: String(err) });
    return sendProblem(c, problem);
  });
  return app;
}

function renderPage(c: import("hono").Context, page: Page, format: string): Response {
  if (format === "json") return c.json(page);
  if (format === "links") return c.json({ url: page.url, links: page.links });
  if (format === "markdown") {
    return c.body(page.markdown, 200, { "content-type": "text/markdown; charset=utf-8" });
  }
  throw new AgentwebError("INVALID_INPUT", `format must be markdown, json or links (got ${format})`);
}
