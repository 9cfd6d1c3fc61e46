import type { CrawlOptions } from "../../crawler/crawl.js";
import type { EgressPolicy } from "../../crawler/fetch/egress-guard.js";
import type { Config } from "../../schemas/config.js";

/**
 * The crawler's politeness, rendering and credential options from the config; `egress` is set by
 * HTTP and MCP callers (never by the CLI, which may crawl the user's own machine).
 *
 * @example crawl({ ...config, ...crawlerOptions(config), startUrl })
 */
export function crawlerOptions(config: Config, egress?: EgressPolicy): Partial<CrawlOptions> {
  const headers: Record<string, string> = {};
  for (const line of config.headers) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  const prefixBudgets: Record<string, number> = {};
  for (const entry of config.budgets) {
    const eq = entry.lastIndexOf("=");
    prefixBudgets[entry.slice(0, eq)] = Number(entry.slice(eq + 1));
  }
  return {
    render: config.render,
    ...(config.budgets.length ? { prefixBudgets } : {}),
    respectRobots: !config.ignoreRobots,
    delayMs: config.delayMs,
    retries: config.retries,
    chromiumPath: config.chromiumPath,
    fromLlmsTxt: config.fromLlmsTxt,
    // A crawl started over HTTP or MCP never extracts on the server's own thread.
    extractWorkers: egress ? Math.max(1, config.extractWorkers) : config.extractWorkers,
    extractTimeoutMs: config.extractTimeoutMs,
    ...(config.headers.length ? { originHeaders: headers } : {}),
    ...(config.cookie ? { cookie: config.cookie } : {}),
    ...(egress ? { egress } : {}),
  };
}
