import type { Hono } from "hono";
import { DeletedResponse, SiteInfo, SiteRequest, SitesResponse } from "../../../schemas/api.js";
import { AgentwebError } from "../../../schemas/errors.js";
import { deleteSite, getSite, listSites } from "../../ops/sites.js";
import { addRoute, type RouteRegistry } from "../api-route.js";
import type { ApiDeps } from "./api-deps.js";

/**
 * The sources in the index: list, describe, delete (admin; refused while a crawl of the site runs).
 *
 * @example registerSiteRoutes(app, registry, deps);
 */
export function registerSiteRoutes(app: Hono, registry: RouteRegistry, deps: ApiDeps): void {
  const { index, jobs } = deps;
  addRoute(
    app,
    registry,
    {
      method: "get",
      path: "/v1/sites",
      summary: "Indexed sites",
      description: "Each site with its page and chunk counts, last crawl and embedder.",
      access: "read",
      responses: { 200: { description: "The sites", schema: SitesResponse } },
    },
    async (c) => c.json(await listSites(index)),
  );
  addRoute(
    app,
    registry,
    {
      method: "get",
      path: "/v1/sites/{site}",
      summary: "One site",
      access: "read",
      params: SiteRequest,
      responses: { 200: { description: "The site", schema: SiteInfo }, 404: { description: "Unknown site" } },
    },
    async (c, { params }) => c.json(await getSite(index, params)),
  );
  addRoute(
    app,
    registry,
    {
      method: "delete",
      path: "/v1/sites/{site}",
      summary: "Delete a site's pages and chunks",
      access: "admin",
      params: SiteRequest,
      responses: {
        200: { description: "What was deleted", schema: DeletedResponse },
        404: { description: "Unknown site" },
        409: { description: "A crawl of this site is queued or running" },
      },
    },
    async (c, { params }) => {
      if (jobs.busy(params.site)) {
        throw new AgentwebError(
          "CONFLICT",
          `a crawl of ${params.site} is queued or running; cancel it first`,
        );
      }
      return c.json(await deleteSite(index, params));
    },
  );
}
