import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { AuditReport, AuditRequest } from "../../schemas/audit.js";
import { truncateToTokens } from "../../schemas/tokens.js";
import { auditOptionsFrom, auditSite } from "../ops/audit-site.js";
import { presentAudit } from "../ops/present.js";
import type { McpDeps } from "./create-mcp-server.js";
import { textAndData, toolResult } from "./tool-result.js";

/** The markdown report handed to the model is cut here; the structured report is complete. */
const REPORT_TOKENS = 8_000;
/** A tool call waits for the audit: a smaller default sample keeps it within a client's patience. */
const MCP_DEFAULT_PAGES = 20;

/**
 * The admin tool `audit_site`: audits a site's AI readiness and returns the report (markdown for
 * the model, the AuditReport as structured content). It runs within the call, through the egress guard.
 *
 * @example registerAuditTool(server, deps);
 */
export function registerAuditTool(server: McpServer, deps: McpDeps): void {
  const { config } = deps.index;
  server.registerTool(
    "audit_site",
    {
      title: "Audit a site's AI readiness",
      description:
        "Score 0-100 how well a site serves AI agents (robots.txt access for AI bots, llms.txt, sitemap, content readable without JavaScript, token weight, structure), with findings, evidence, a fix list ordered by impact and a suggested llms.txt. Samples maxPages pages (default 20). Private and loopback addresses are refused.",
      inputSchema: AuditRequest,
      outputSchema: AuditReport,
      annotations: { openWorldHint: true, readOnlyHint: true },
    },
    (args) =>
      toolResult(async () => {
        const report = await auditSite(
          { url: args.url, maxPages: args.maxPages ?? MCP_DEFAULT_PAGES },
          { ...auditOptionsFrom(config), egress: deps.egress },
        );
        return textAndData(truncateToTokens(presentAudit(report, "md").text, REPORT_TOKENS), report);
      }),
  );
}
