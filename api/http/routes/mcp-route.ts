import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Hono } from "hono";
import type { Config } from "../../../schemas/config.js";
import { AgentwebError } from "../../../schemas/errors.js";
import { createMcpServer } from "../../mcp/create-mcp-server.js";
import { requireScope } from "../auth.js";
import { hostCheck } from "../host-check.js";
import { sendProblem, toProblem } from "../problem.js";
import type { ApiDeps } from "./api-deps.js";

/**
 * MCP over streamable HTTP at `/mcp`, stateless: each POST gets its own server and transport,
 * scoped to the caller's key (a read key is offered only the read tools), so any instance can
 * answer any request and nothing is held between requests. Host and Origin are checked first
 * (DNS-rebinding protection). GET (a server-initiated event stream) is not offered: 405.
 *
 * @example registerMcpRoute(app, deps, config);
 */
export function registerMcpRoute(app: Hono, deps: ApiDeps, config: Config): void {
  app.use("/mcp", hostCheck(config));
  app.post("/mcp", requireScope("read"), async (c) => {
    const scope = c.get("caller").scope === "admin" ? "admin" : "read";
    const server = createMcpServer({ ...deps, jobs: deps.jobs }, { scope });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: config.maxRequestBytes,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      await server.close();
    }
  });
  app.on(["GET", "DELETE"], "/mcp", (c) => {
    const problem = toProblem(
      new AgentwebError("BAD_USAGE", "this MCP endpoint is stateless: send JSON-RPC messages with POST"),
    );
    c.header("allow", "POST");
    return sendProblem(c, { ...problem, status: 405, title: "Method not allowed" });
  });
}
