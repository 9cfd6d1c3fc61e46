import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { LlmsTxtExpandRequest, LlmsTxtReport, LlmsTxtValidateRequest } from "../../schemas/llms-txt.js";
import {
  callerLlmsTxtFetch,
  expandLlmsTxtForCaller,
  formatLlmsTxtReport,
  validateLlmsTxtSource,
} from "../ops/llms-txt.js";
import type { McpDeps } from "./create-mcp-server.js";
import { textAndData, toolResult } from "./tool-result.js";

/** A context file handed to a model is cut here unless it asks for more: tokens per response are limited. */
const DEFAULT_CONTEXT_TOKENS = 20_000;

/**
 * The admin tools over other sites' llms.txt: `validate_llms_txt` (the report `agentweb llms-txt
 * validate --json` prints, as structured content, and its readable form) and `read_llms_txt` (the
 * llms.txt expanded into its context file). Every request passes the egress guard.
 *
 * @example registerLlmsTxtTools(server, deps);
 */
export function registerLlmsTxtTools(server: McpServer, deps: McpDeps): void {
  const fetchOptions = () => callerLlmsTxtFetch(deps.index.config, deps.egress);
  server.registerTool(
    "validate_llms_txt",
    {
      title: "Validate a site's llms.txt",
      description:
        "Check the llms.txt at an http(s) URL against llmstxt.org: findings with line numbers, a conformance level 0-4 (4 needs checkLinks=true, which fetches every link), tokens, duplicate links and sitemap coverage. Private and loopback addresses are refused.",
      inputSchema: LlmsTxtValidateRequest,
      outputSchema: LlmsTxtReport,
      annotations: { openWorldHint: true, readOnlyHint: true },
    },
    (args) =>
      toolResult(async () => {
        const report = await validateLlmsTxtSource(
          { source: args.url, checkLinks: args.checkLinks, sitemapUrl: args.sitemap },
          fetchOptions(),
        );
        return textAndData(formatLlmsTxtReport(report, "checkLinks=true"), report);
      }),
  );
  server.registerTool(
    "read_llms_txt",
    {
      title: "Read a site's docs through its llms.txt",
      description: `Fetch the llms.txt at an http(s) URL and every document it links (.md twins preferred, HTML converted to markdown) as one context file, each document in a <doc title url> element; optional=true adds the Optional section. Cut at maxTokens (default ${DEFAULT_CONTEXT_TOKENS}). Private and loopback addresses are refused.`,
      inputSchema: LlmsTxtExpandRequest,
      annotations: { openWorldHint: true, readOnlyHint: true },
    },
    (args) =>
      toolResult(async () => {
        const { text, ...rest } = await expandLlmsTxtForCaller(
          { ...args, maxTokens: args.maxTokens ?? DEFAULT_CONTEXT_TOKENS },
          fetchOptions(),
        );
        const failed = rest.docs.filter((d) => d.via === "failed");
        const notes = [
          ...(rest.truncated ? ["[… cut at the token limit; ask with a larger maxTokens for more]"] : []),
          ...failed.map((d) => `[left out ${d.url}: ${d.error ?? "failed"}]`),
        ];
        return textAndData([text.trimEnd(), ...notes].join("\n\n"), rest);
      }),
  );
}
