import type { Context, Hono } from "hono";
import type { z } from "zod";
import { AgentwebError } from "../../schemas/errors.js";
import { parseInput } from "../ops/error-view.js";
import { requireScope } from "./auth.js";

/** Who may call a route: anyone, a read-scope key, or an admin key. */
export type Access = "public" | "read" | "admin";

/** One documented route: the same spec registers the handler and writes its OpenAPI entry. */
export interface ApiRouteSpec<
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  method: "get" | "post" | "delete";
  /** OpenAPI form, e.g. `/v1/sites/{site}`. */
  path: string;
  summary: string;
  description?: string;
  access: Access;
  query?: Q;
  params?: P;
  body?: B;
  responses: Record<number, { description: string; schema?: z.ZodType; type?: string }>;
}

/** The parsed input a handler receives. */
export interface RouteInput<Q, P, B> {
  query: Q;
  params: P;
  body: B;
}

/** The documented routes, in registration order (read by the OpenAPI and docs generators). */
export type RouteRegistry = ApiRouteSpec[];

/**
 * Registers a route: scope check, input parsed once with the spec's zod schemas (a ZodError
 * becomes a 400 listing every issue), then the handler. The spec is recorded for OpenAPI.
 *
 * @example
 * addRoute(app, registry, { method: "get", path: "/v1/search", access: "read", query: SearchRequest, … },
 *   async (c, { query }) => c.json(await searchDocs(index, query)));
 */
export function addRoute<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType>(
  app: Hono,
  registry: RouteRegistry,
  spec: ApiRouteSpec<Q, P, B>,
  handler: (
    c: Context,
    input: RouteInput<z.output<Q>, z.output<P>, z.output<B>>,
  ) => Response | Promise<Response>,
): void {
  registry.push(spec as unknown as ApiRouteSpec);
  const honoPath = spec.path.replace(/\{([^}]+)\}/g, ":$1");
  const guards = spec.access === "public" ? [] : [requireScope(spec.access)];
  app.on([spec.method.toUpperCase()], [honoPath], ...guards, async (c) => {
    const query = spec.query ? parseInput(spec.query, c.req.query()) : {};
    const params = spec.params ? parseInput(spec.params, c.req.param()) : {};
    const body = spec.body ? parseInput(spec.body, await readJson(c)) : undefined;
    return handler(c, { query, params, body } as RouteInput<z.output<Q>, z.output<P>, z.output<B>>);
  });
}

async function readJson(c: Context): Promise<unknown> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw new AgentwebError("INVALID_INPUT", "the body must be JSON (Content-Type: application/json)");
  }
  try {
    return await c.req.json();
  } catch (cause) {
    if (cause instanceof AgentwebError) throw cause;
    throw new AgentwebError("INVALID_INPUT", "the body is not valid JSON", { cause });
  }
}
