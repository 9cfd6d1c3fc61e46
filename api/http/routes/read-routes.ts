import type { Context, Hono } from "hono";
import { PageRequest } from "../../../schemas/api.js";
import { ContextPack, ContextRequest } from "../../../schemas/context.js";
import type { Page } from "../../../schemas/page.js";
import { SearchQuery, SearchResponse } from "../../../schemas/search.js";
import { fetchFreshPage } from "../../ops/fetch-fresh.js";
import { getContext } from "../../ops/get-context.js";
import { getPage } from "../../ops/get-page.js";
import { presentPage } from "../../ops/present.js";
import { searchDocs } from "../../ops/search-docs.js";
import { addRoute, type RouteRegistry } from "../api-route.js";
import { assertScope } from "../auth.js";
import type { ApiDeps } from "./api-deps.js";

const MARKDOWN = "text/markdown; charset=utf-8";

/**
 * The read routes agents call most: search, context packs and pages (`fresh=1` is admin and goes
 * through the egress guard).
 *
 * @example registerReadRoutes(app, registry, deps);
 */
export function registerReadRoutes(app: Hono, registry: RouteRegistry, deps: ApiDeps): void {
  const { index } = deps;

  addRoute(
    app,
    registry,
    {
      method: "get",
      path: "/v1/search",
      summary: "Search the index",
      description:
        "Chunks ranked for a question, each cited as url#anchor: one hit per url#anchor by default, group=chunk every chunk, group=page the best chunk per page.",
      access: "read",
      query: SearchQuery,
      responses: { 200: { description: "Hits, best first", schema: SearchResponse } },
    },
    async (c, { query }) => c.json(await searchDocs(index, query)),
  );

  addRoute(
    app,
    registry,
    {
      method: "get",
      path: "/v1/context",
      summary: "A context pack for a question",
      description:
        "The best chunks, merged per page in document order, each part cited as url#anchor; totalTokens never exceeds maxTokens (counted with the cl100k tokenizer). format=markdown returns the same as one text with a Source line per part.",
      access: "read",
      query: ContextRequest,
      responses: {
        200: { description: "The pack (JSON), or its markdown rendering", schema: ContextPack },
      },
    },
    async (c, { query }) => {
      const pack = await getContext(index, query);
      if (query.format === "markdown") {
        return c.body(pack.markdown ?? "", 200, {
          "content-type": MARKDOWN,
          "x-total-tokens": String(pack.totalTokens),
          "x-token-budget": String(pack.budget),
        });
      }
      return c.json(pack);
    },
  );

  addRoute(
    app,
    registry,
    {
      method: "get",
      path: "/v1/page",
      summary: "A page as clean markdown, text, links or JSON",
      description:
        "The stored page (404 when not stored). fresh=1 (admin) fetches the URL now through the crawler, egress guard on, and stores it when its site is indexed.",
      access: "read",
      query: PageRequest,
      responses: {
        200: { description: "The page in the requested format", type: MARKDOWN },
        404: { description: "No stored page for this URL" },
      },
    },
    async (c, { query }) => {
      let page: Page;
      if (query.fresh) {
        assertScope(c, "admin");
        const fresh = await fetchFreshPage(index, { url: query.url }, { egress: deps.egress });
        page = fresh.page;
        c.header("x-agentweb-stored", String(fresh.stored));
      } else page = await getPage(index, { url: query.url });
      return renderPage(c, page, query);
    },
  );
}

function renderPage(c: Context, page: Page, query: PageRequest): Response {
  c.header("content-location", page.url);
  const view = presentPage(page, query);
  if (view.data) return c.json(view.data);
  if (view.truncated) c.header("x-truncated", "true");
  return c.body(view.text, 200, { "content-type": view.contentType });
}
