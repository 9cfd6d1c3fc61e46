import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Config } from "../../schemas/config.js";
import { isAgentwebError } from "../../schemas/errors.js";
import { type CrawlJobs, createCrawlJobs } from "../ops/crawl-jobs.js";
import { type IndexHandle, openIndex } from "../ops/index-handle.js";
import { egressPolicyFor } from "../ops/url-guard.js";
import { VERSION } from "../version.js";
import { createMcpServer } from "./create-mcp-server.js";

/**
 * Serves MCP over stdio until stdin closes: the local agent's own server, with every tool (the
 * user started it). It takes the writer lock when it can, for crawl_site; when a server already
 * owns the data dir, or `readOnly` is set, it serves the read tools and explains the crawl refusal. Crawls and fresh
 * fetches still pass the egress guard: the caller is a model, not the user.
 *
 * @example await serveMcpStdio(config); // resolves when the client disconnects
 */
export async function serveMcpStdio(
  config: Config,
  io: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream } = {},
): Promise<void> {
  let index: IndexHandle;
  let jobs: CrawlJobs | undefined;
  const egress = egressPolicyFor(config);
  try {
    index = await openIndex(config, { write: !config.readOnly, owner: "mcp" });
    // On a read-only handle the jobs resume nothing and refuse crawl_site with READ_ONLY.
    jobs = createCrawlJobs(index, { egress });
  } catch (err) {
    if (!isAgentwebError(err, "DATA_DIR_LOCKED")) throw err;
    index = await openIndex(config, { write: false, owner: "mcp" });
  }
  const server = createMcpServer({ index, jobs, egress, version: VERSION }, { scope: "admin" });
  const transport = new StdioServerTransport(io.stdin as never, io.stdout as never);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    (io.stdin ?? process.stdin).once("end", () => resolve());
  });
  await server.connect(transport);
  try {
    await closed;
  } finally {
    await server.close().catch(() => {});
    await jobs?.close();
    await index.close();
  }
}
