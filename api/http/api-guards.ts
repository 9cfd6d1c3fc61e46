import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { Config } from "../../schemas/config.js";
import { AgentwebError } from "../../schemas/errors.js";
import { identifyCaller } from "./auth.js";
import { concurrencyLimit } from "./concurrency-limit.js";
import { rateLimit } from "./rate-limit.js";

/** Index reads (search, context, page) running at once; more wait in order (see concurrency-limit.ts). */
const INDEX_READ_CONCURRENCY = 4;

/**
 * The middleware every request meets before a route: CORS (only when origins are configured),
 * the request body limit (413), caller identification from the API key, and the per-caller rate
 * limit on the API and MCP (hosting routes and /healthz are not limited: probes and crawlers of
 * the hosted docs should not spend an agent's budget).
 *
 * @example registerApiGuards(app, config);
 */
export function registerApiGuards(app: Hono, config: Config): void {
  if (config.corsOrigins.length > 0) {
    const any = config.corsOrigins.includes("*");
    app.use(
      cors({
        origin: any ? "*" : config.corsOrigins,
        allowHeaders: [
          "Authorization",
          "X-API-Key",
          "Content-Type",
          "Mcp-Session-Id",
          "Mcp-Protocol-Version",
        ],
        exposeHeaders: ["Retry-After", "X-Total-Tokens", "Mcp-Session-Id"],
        maxAge: 600,
      }),
    );
  }
  app.use(
    bodyLimit({
      maxSize: config.maxRequestBytes,
      onError: () => {
        throw new AgentwebError(
          "BODY_TOO_LARGE",
          `request body over the ${config.maxRequestBytes}-byte limit`,
        );
      },
    }),
  );
  app.use(identifyCaller(config.apiKeys, remoteAddress));
  const limit = rateLimit({ rps: config.rateLimitRps, burst: config.rateLimitBurst });
  app.use("/v1/*", limit);
  app.use("/mcp", limit);
  app.use("/metrics", limit);
  // Index reads queue in arrival order instead of piling into LanceDB's native pool at once.
  const reads = concurrencyLimit(INDEX_READ_CONCURRENCY);
  for (const path of ["/v1/search", "/v1/context", "/v1/page"]) app.use(path, reads);
}

/** The client's address on a real socket; "local" for in-process requests (tests' app.request). */
function remoteAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}
