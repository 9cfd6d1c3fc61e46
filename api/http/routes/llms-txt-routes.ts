import type { Hono } from "hono";
import { z } from "zod";
import {
  LlmsTxtExpandRequest,
  LlmsTxtExpansion,
  LlmsTxtReport,
  LlmsTxtValidateRequest,
} from "../../../schemas/llms-txt.js";
import { callerLlmsTxtFetch, expandLlmsTxtForCaller, validateLlmsTxtSource } from "../../ops/llms-txt.js";
import { addRoute, type RouteRegistry } from "../api-route.js";
import type { ApiDeps } from "./api-deps.js";

const ExpandQuery = LlmsTxtExpandRequest.extend({
  format: z
    .enum(["json", "markdown"])
    .default("json")
    .describe("json (LlmsTxtExpansion), or markdown: the context text alone"),
});

/** A failed read of the llms.txt itself (its content never fails: problems in it are findings). */
const FETCH_FAILED = {
  502: { description: "The llms.txt could not be fetched (UNREACHABLE) or answered 4xx/5xx (HTTP_ERROR)" },
};

/**
 * Other sites' llms.txt, read on the caller's behalf (admin): validate one into the same report
 * `agentweb llms-txt validate --json` prints, or expand it into its context file. Every request —
 * the file, its links, robots.txt and sitemaps — passes the egress guard; only http(s) URLs are taken.
 *
 * @example registerLlmsTxtRoutes(app, registry, deps);
 */
export function registerLlmsTxtRoutes(app: Hono, registry: RouteRegistry, deps: ApiDeps): void {
  const fetchOptions = () => callerLlmsTxtFetch(deps.index.config, deps.egress);
  addRoute(
    app,
    registry,
    {
      method: "get",
      path: "/v1/llms-txt/validate",
      summary: "Validate a site's llms.txt",
      description:
        "Fetches the llms.txt at url and checks it against llmstxt.org: findings with line numbers, a conformance level 0-4 (4 needs checkLinks), tokens without and with Optional, duplicate links, and coverage of the site's sitemap. Problems in the file are findings (200); a file that cannot be fetched is a 502, an address the egress guard refuses a 403 (EGRESS_BLOCKED).",
      access: "admin",
      query: LlmsTxtValidateRequest,
      responses: { 200: { description: "The report", schema: LlmsTxtReport }, ...FETCH_FAILED },
    },
    async (c, { query }) =>
      c.json(
        await validateLlmsTxtSource(
          { source: query.url, checkLinks: query.checkLinks, sitemapUrl: query.sitemap },
          fetchOptions(),
        ),
      ),
  );
  addRoute(
    app,
    registry,
    {
      method: "get",
      path: "/v1/llms-txt/expand",
      summary: "Expand a site's llms.txt into its context file",
      description:
        "Fetches the llms.txt at url and every document it links (a page's .md twin preferred, HTML converted to clean markdown), each wrapped in <doc>: llms-ctx.txt, or llms-ctx-full.txt with optional=1. Documents that cannot be fetched are left out and listed in docs with via=failed.",
      access: "admin",
      query: ExpandQuery,
      responses: {
        200: {
          description: "The context file and its documents (JSON), or the text alone",
          schema: LlmsTxtExpansion,
        },
        ...FETCH_FAILED,
      },
    },
    async (c, { query }) => {
      const { format, ...input } = query;
      const expansion = await expandLlmsTxtForCaller(input, fetchOptions());
      if (format === "markdown")
        return c.body(expansion.text, 200, { "content-type": "text/markdown; charset=utf-8" });
      return c.json(expansion);
    },
  );
}
