import type { Config } from "../schemas/config.js";
import type { CrawlOptions } from "./crawl-contract.js";

/** The config options a crawl reads: no API keys, ports or embedder credentials reach the crawler. */
export type CrawlSettings = Pick<
  Config,
  | "userAgent"
  | "maxPages"
  | "maxDepth"
  | "include"
  | "exclude"
  | "concurrency"
  | "requestTimeoutMs"
  | "maxBodyBytes"
  | "render"
  | "ignoreRobots"
  | "delayMs"
  | "retries"
  | "headers"
  | "cookie"
  | "budgets"
  | "extractWorkers"
  | "extractTimeoutMs"
  | "fromLlmsTxt"
  | "chromiumPath"
>;

/**
 * A complete CrawlOptions from the config (whose schema holds every default) and the crawl's own
 * fields. A crawl with an egress policy was started over HTTP or MCP: it never extracts on the
 * server's own thread.
 *
 * @example crawl(crawlOptionsFrom(Config.parse({}), { startUrl: "https://docs.example.com/", maxPages: 10 }))
 */
export function crawlOptionsFrom(
  config: CrawlSettings,
  overrides: Partial<CrawlOptions> & { startUrl: string },
): CrawlOptions {
  const settings: CrawlOptions = {
    startUrl: overrides.startUrl,
    maxPages: config.maxPages,
    maxDepth: config.maxDepth,
    include: config.include,
    exclude: config.exclude,
    concurrency: config.concurrency,
    requestTimeoutMs: config.requestTimeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    userAgent: config.userAgent,
    render: config.render,
    respectRobots: !config.ignoreRobots,
    delayMs: config.delayMs,
    retries: config.retries,
    chromiumPath: config.chromiumPath,
    extractWorkers: config.extractWorkers,
    extractTimeoutMs: config.extractTimeoutMs,
    fromLlmsTxt: config.fromLlmsTxt,
    ...(Object.keys(config.budgets).length ? { prefixBudgets: config.budgets } : {}),
    ...(Object.keys(config.headers).length ? { originHeaders: config.headers } : {}),
    ...(config.cookie ? { cookie: config.cookie } : {}),
  };
  const options = { ...settings, ...definedOnly(overrides) };
  if (options.egress) options.extractWorkers = Math.max(1, options.extractWorkers);
  return options;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
