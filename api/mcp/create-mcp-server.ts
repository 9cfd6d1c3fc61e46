import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  CrawlJob,
  CrawlJobRequest,
  CrawlRequest,
  PageRequest,
  SiteId,
  SitesResponse,
} from "../../schemas/api.js";
import { ContextRequest } from "../../schemas/context.js";
import { AgentwebError } from "../../schemas/errors.js";
import { SearchQuery, SearchResponse } from "../../schemas/search.js";
import type { CrawlJobs } from "../ops/crawl-jobs.js";
import { fetchFreshPage } from "../ops/fetch-fresh.js";
import { getContext } from "../ops/get-context.js";
import { getPage } from "../ops/get-page.js";
import type { IndexHandle } from "../ops/index-handle.js";
import { contextAsText, hitsAsText, presentPage, sitesAsText } from "../ops/present.js";
import { buildSitePublication } from "../ops/publish-site.js";
import { searchDocs } from "../ops/search-docs.js";
import { listSites } from "../ops/sites.js";
import type { EgressPolicy } from "../ops/url-guard.js";
import { registerAuditTool } from "./audit-tool.js";
import { registerLlmsTxtTools } from "./llms-txt-tools.js";
import { textAndData, toolResult, wordArgumentErrors } from "./tool-result.js";

/** A page returned to a model is cut here unless it asks for more: tokens per response are limited. */
const DEFAULT_PAGE_TOKENS = 10_000;

export interface McpDeps {
  index: IndexHandle;
  /** Absent when this process cannot write the index (another process owns it). */
  jobs: CrawlJobs | undefined;
  egress: EgressPolicy;
  version: string;
}

/**
 * An MCP server over the ops layer: read tools for every caller, crawl tools and fresh fetches for
 * admin callers only (a read-scope session is not even offered them), and each site's llms.txt
 * and llms-full.txt as resources. Inputs are the same zod schemas the HTTP API validates with.
 *
 * @example
 * const server = createMcpServer(deps, { scope: "admin" });
 * await server.connect(new StdioServerTransport());
 */
export function createMcpServer(deps: McpDeps, options: { scope: "read" | "admin" }): McpServer {
  const { index } = deps;
  const admin = options.scope === "admin";
  const server = new McpServer(
    { name: "agentweb", version: deps.version },
    {
      instructions:
        "agentweb serves indexed documentation sites as clean, cited markdown. Prefer get_context for answering a question (small, budgeted, cited); search_docs to find pages; fetch_page to read one page. Cite the url#anchor sources you use.",
    },
  );
  wordArgumentErrors(server);

  registerQuestionTools(server, index);
  registerPageTools(server, deps, admin);
  if (admin) registerAdminTools(server, deps);
  registerLlmsResources(server, index);
  return server;
}

/** search_docs and get_context: questions answered from the index. */
function registerQuestionTools(server: McpServer, index: McpDeps["index"]): void {
  server.registerTool(
    "search_docs",
    {
      title: "Search the documentation",
      description:
        "Find the passages of the indexed documentation that answer a question. Returns chunks best first, each with its citation (url#anchor), title, heading path, a snippet and its size in tokens. Use it to locate pages; use get_context to get text to answer from.",
      inputSchema: SearchQuery,
      outputSchema: SearchResponse,
      annotations: { readOnlyHint: true },
    },
    (args) =>
      toolResult(async () => {
        const result = await searchDocs(index, args);
        const text = hitsAsText(result.hits);
        return textAndData(text, result);
      }),
  );

  server.registerTool(
    "get_context",
    {
      title: "Get cited context for a question",
      description:
        "The best passages of the indexed documentation for a question, merged per page in reading order, each under a 'Source: url#anchor' line, never more than maxTokens tokens in total (default 4000). The best first call for answering a question from the docs.",
      inputSchema: ContextRequest.omit({ format: true }),
      annotations: { readOnlyHint: true },
    },
    (args) =>
      toolResult(async () => {
        // The model reads the rendered text, so that is what the budget is counted on.
        const { markdown, ...pack } = await getContext(index, { ...args, format: "markdown" });
        return textAndData(contextAsText({ ...pack, markdown }), pack);
      }),
  );
}

/** fetch_page and list_sites: one page (fresh from the web for admins), and the indexed sites. */
function registerPageTools(server: McpServer, deps: McpDeps, admin: boolean): void {
  const { index } = deps;
  server.registerTool(
    "fetch_page",
    {
      title: "Read one page",
      description: `One documentation page as clean markdown (or plain text, or its links), from the index. fresh=true fetches it from the web now${admin ? "" : " (needs an admin key)"}. Long pages are cut at maxTokens (default ${DEFAULT_PAGE_TOKENS}).`,
      inputSchema: PageRequest.extend({ format: z.enum(["markdown", "text", "links"]).default("markdown") }),
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    (args) =>
      toolResult(async () => {
        if (args.fresh && !admin)
          throw new AgentwebError("FORBIDDEN", "fresh=true needs an API key with the admin scope");
        const page = args.fresh
          ? (await fetchFreshPage(index, { url: args.url }, { egress: deps.egress })).page
          : await getPage(index, { url: args.url });
        const view = presentPage(page, {
          format: args.format,
          maxTokens: args.maxTokens ?? DEFAULT_PAGE_TOKENS,
        });
        if (view.data) return textAndData(view.text, { ...view.data });
        const cut = view.truncated
          ? "\n\n[… cut at the token limit; ask with a larger maxTokens for more]"
          : "";
        return {
          content: [
            { type: "text", text: `Source: ${page.url}\nTitle: ${page.title}\n\n${view.text}${cut}` },
          ],
        };
      }),
  );

  server.registerTool(
    "list_sites",
    {
      title: "List indexed sites",
      description:
        "The documentation sites in the index (siteId, start URL, page and chunk counts, last crawl). A siteId narrows search_docs and get_context.",
      outputSchema: SitesResponse,
      annotations: { readOnlyHint: true },
    },
    () =>
      toolResult(async () => {
        const result = await listSites(index);
        const text = sitesAsText(result.sites);
        return textAndData(text, result);
      }),
  );
}

function registerAdminTools(server: McpServer, deps: McpDeps): void {
  registerAuditTool(server, deps);
  registerLlmsTxtTools(server, deps);
  const jobsOrFail = () => {
    if (!deps.jobs)
      throw new AgentwebError(
        "DATA_DIR_LOCKED",
        "this MCP server cannot write the index (another process owns it); crawl through that server's API",
      );
    return deps.jobs;
  };
  server.registerTool(
    "crawl_site",
    {
      title: "Crawl a documentation site",
      description:
        "Start crawling and indexing a site (its origin, under the start URL's directory). Returns a job id at once; poll get_crawl_status. Private and loopback addresses are refused.",
      inputSchema: CrawlRequest,
      outputSchema: CrawlJob,
      annotations: { openWorldHint: true },
    },
    (args) =>
      toolResult(async () => {
        const job = await jobsOrFail().start(args);
        return textAndData(`Crawl job ${job.id} queued for ${job.request.url} (site ${job.site}).`, job);
      }),
  );
  server.registerTool(
    "get_crawl_status",
    {
      title: "Crawl job status",
      description: "State and progress (pages done, failed, queued) of a crawl job started with crawl_site.",
      inputSchema: CrawlJobRequest,
      outputSchema: CrawlJob,
      annotations: { readOnlyHint: true },
    },
    (args) =>
      toolResult(async () => {
        const job = jobsOrFail().get(args.id);
        const p = job.progress;
        return textAndData(
          `${job.state}: ${p.ok} pages stored, ${p.failed} failed, ${p.skipped} skipped, ${p.queued} queued (site ${job.site}).`,
          job,
        );
      }),
  );
}

function registerLlmsResources(server: McpServer, index: IndexHandle): void {
  for (const file of ["llms.txt", "llms-full.txt"] as const) {
    server.registerResource(
      file,
      new ResourceTemplate(`agentweb://sites/{site}/${file}`, {
        list: async () => ({
          resources: Object.keys(index.dataDir.readMeta().sites).map((site) => ({
            uri: `agentweb://sites/${site}/${file}`,
            name: `${site} ${file}`,
            mimeType: file === "llms.txt" ? "text/plain" : "text/markdown",
          })),
        }),
      }),
      {
        title: file,
        description:
          file === "llms.txt"
            ? "A site's llms.txt: what it is and where its pages are"
            : "A site's whole documentation as one markdown file",
      },
      async (uri, variables) => {
        const site = SiteId.parse(String(variables.site));
        const publication = await buildSitePublication(index, { site });
        return {
          contents: [
            {
              uri: uri.href,
              mimeType: file === "llms.txt" ? "text/plain" : "text/markdown",
              text: publication.files[file],
            },
          ],
        };
      },
    );
  }
}
