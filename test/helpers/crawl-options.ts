import { type CrawlOptions, crawlOptionsFrom } from "../../crawler/crawl.js";
import { Config } from "../../schemas/config.js";

/** The config's defaults, with extraction in the test's own thread unless a test asks for workers. */
const DEFAULTS = Config.parse({ extractWorkers: 0 });

/**
 * Complete crawl options for a test: the config schema's defaults under the test's own fields.
 *
 * @example crawl(testCrawlOptions({ startUrl: `${site.url}/`, delayMs: 0, render: "never" }))
 */
export function testCrawlOptions(overrides: Partial<CrawlOptions> & { startUrl: string }): CrawlOptions {
  return crawlOptionsFrom(DEFAULTS, overrides);
}
