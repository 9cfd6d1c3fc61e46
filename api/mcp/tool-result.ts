import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { ZodError } from "zod";
import { isAgentwebError } from "../../schemas/errors.js";

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
    let text = "INTERNAL: internal error";
    if (isAgentwebError(err)) text = `${err.code}: ${err.message}`;
    else if (err instanceof ZodError) {
      text = `INVALID_INPUT: ${err.issues.map((i) => `${i.path.join(".") || "(input)"}: ${i.message}`).join("; ")}`;
    }
    return { isError: true, content: [{ type: "text", text }] };
  }
}

/**
 * A tool result with a text for the model and the same data as structured content.
 *
 * @example return textAndData("3 sites", { sites });
 */
export function textAndData(text: string, data: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text }], structuredContent: data };
}
