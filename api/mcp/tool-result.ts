import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { toErrorView } from "../ops/error-view.js";

/**
 * Runs a tool body and turns failures into MCP tool errors (`isError: true`) whose text starts
 * with agentweb's stable code, so a model can tell "not indexed" from "not allowed" from "retry".
 * Unexpected errors say only "INTERNAL": no stack or internals reach the client.
 *
 * @example server.registerTool("list_sites", {...}, () => toolResult(async () => ({ content: [...] })));
 */
export async function toolResult(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (err) {
    return { isError: true, content: [{ type: "text", text: errorText(err) }] };
  }
}

/** A tool error's text: the error view's code and line, as HTTP's problem detail words it. */
function errorText(err: unknown): string {
  const view = toErrorView(err);
  return `${view.code}: ${view.message}`;
}

/** The part of McpServer that checks a tool's arguments before the tool runs (not public API). */
interface ArgumentCheck {
  validateToolInput?: (tool: { inputSchema?: unknown }, args: unknown, name: string) => Promise<unknown>;
}

/**
 * Words the SDK's own argument checks like every other agentweb error. The SDK validates a
 * tool's arguments against its input schema before the tool body runs and answers a failure with
 * its own multi-line list of zod messages; here the same schema checks them first, and a failure
 * becomes the tool error `INVALID_INPUT: k must be at least 1 (got 0)`, the line HTTP gives for
 * `k=0`. Where the SDK no longer has the hook, its own wording stays (a test notices).
 *
 * @example const server = new McpServer(info); wordArgumentErrors(server);
 */
export function wordArgumentErrors(server: McpServer): void {
  const sdk = server as unknown as ArgumentCheck;
  const check = sdk.validateToolInput?.bind(server);
  if (!check) return;
  sdk.validateToolInput = async (tool, args, name) => {
    if (tool.inputSchema instanceof z.ZodType) {
      const result = tool.inputSchema.safeParse(args ?? {}, { reportInput: true });
      // A plain Error: the SDK turns it into a tool error with exactly this text.
      if (!result.success) throw new Error(errorText(result.error));
    }
    return check(tool, args, name);
  };
}

/**
 * A tool result with a text for the model and the same data as structured content.
 *
 * @example return textAndData("3 sites", { sites });
 */
export function textAndData(text: string, data: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text }], structuredContent: data };
}
