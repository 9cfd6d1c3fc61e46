import { z } from "zod";
import type { ApiRouteSpec, RouteRegistry } from "./api-route.js";

/** The problem+json body every error shares. */
const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string().describe("Stable error code, e.g. INVALID_INPUT, NOT_FOUND, RATE_LIMITED"),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/**
 * The OpenAPI 3.1 document of the routes in `registry`, schemas generated from the same zod
 * schemas that validate the requests (zod 4's JSON Schema output is draft 2020-12, which OpenAPI
 * 3.1 uses as is). Query and path schemas become one parameter per property.
 *
 * @example const doc = buildOpenApi(registry, { version: "0.1.0", keysConfigured: true });
 */
export function buildOpenApi(registry: RouteRegistry, info: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of registry) {
    paths[spec.path] ??= {};
    paths[spec.path]![spec.method] = operation(spec);
  }
  // Routes outside the registry (no zod input), documented so the document lists every endpoint.
  paths["/healthz"] ??= {
    get: {
      summary: "Liveness",
      "x-access": "public",
      security: [],
      responses: { 200: { description: "ok" } },
    },
  };
  paths["/readyz"] ??= {
    get: {
      summary: "Readiness: the index is open and answers reads",
      description:
        "200 with the index version and whether this server writes; 503 with the reason while the index cannot be read. Send traffic to ready replicas; restart only on /healthz failing.",
      "x-access": "public",
      security: [],
      responses: {
        200: { description: "ready", content: { "application/json": {} } },
        503: { description: "not ready, with the reason", content: { "application/json": {} } },
      },
    },
  };
  paths["/metrics"] ??= {
    get: {
      summary: "Prometheus text metrics (read scope)",
      "x-access": "read",
      security: [{ apiKey: [] }],
      responses: { 200: { description: "Metrics", content: { "text/plain": {} } } },
    },
  };
  paths["/mcp"] ??= {
    post: {
      summary: "MCP over streamable HTTP (stateless JSON-RPC; read scope, admin tools for admin keys)",
      description: "Host and Origin are checked (DNS-rebinding protection). GET and DELETE answer 405.",
      "x-access": "read",
      security: [{ apiKey: [] }],
      requestBody: { required: true, content: { "application/json": {} } },
      responses: { 200: { description: "JSON-RPC response", content: { "application/json": {} } } },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "agentweb API",
      version: info.version,
      description:
        "Clean, cited, budgeted documentation for AI agents: search, context packs, pages, sites and crawl jobs. Errors are application/problem+json with a stable `code`.",
    },
    paths,
    components: {
      schemas: { Problem: toJson(Problem, "output") },
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An API key (scope read or admin); X-API-Key also works",
        },
      },
    },
  };
}

function operation(spec: ApiRouteSpec): Record<string, unknown> {
  const parameters = [...paramsOf(spec.params, "path"), ...paramsOf(spec.query, "query")];
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    const type = r.type ?? "application/json";
    responses[status] = {
      description: r.description,
      ...(r.schema || type !== "application/json"
        ? { content: { [type]: r.schema ? { schema: toJson(r.schema, "output") } : {} } }
        : {}),
    };
  }
  const errors: [number, string][] = [
    [400, "Invalid input (each schema issue listed)"],
    [429, "Rate limited (see Retry-After)"],
  ];
  if (spec.access !== "public")
    errors.push([401, "No or unknown API key"], [403, "The key's scope is too low"]);
  for (const [status, description] of errors) {
    responses[String(status)] ??= {
      description,
      content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
    };
  }
  return {
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    operationId: `${spec.method}${spec.path.replace(/\{([^}]+)\}/g, "By-$1").replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? "").toUpperCase())}`,
    "x-access": spec.access,
    ...(spec.access === "public" ? { security: [] } : { security: [{ apiKey: [] }] }),
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: toJson(spec.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

function paramsOf(schema: z.ZodType | undefined, where: "query" | "path"): Record<string, unknown>[] {
  if (!schema) return [];
  const json = toJson(schema, "input") as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: where,
      required: where === "path" || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function toJson(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return json;
}
