/**
 * The start URL decides a crawl's scope and site: when it cannot be fetched (a typo answered with
 * 404, a server error, a file that is not a page, a redirect elsewhere) the crawl is a mistake, not
 * news that the site is gone, and it stops with a clear reason before it changes the index.
 */
import type { CrawlEvent } from "../../crawler/crawl.js";
import { normalizeUrl, parseHttpUrl } from "../../crawler/frontier/normalize-url.js";
import { AgentwebError } from "../../schemas/errors.js";

// Skips of the start URL that still show a page there, one the crawl can go on from.
const START_SEEN = new Set(["UNCHANGED", "DUPLICATE", "NOINDEX", "NEEDS_JAVASCRIPT"]);

/**
 * Watches a crawl's events for its start URL's outcome.
 *
 * @example
 * const start = createStartCheck("https://docs.example.com/");
 * for (const event of events) start.note(event); // throws NOT_FOUND, HTTP_ERROR… for a failed start URL
 * if (start.siteAnswers) await deleteThePagesThatAnswered404();
 */
export function createStartCheck(startUrl: string) {
  const start = normalizeUrl(parseHttpUrl(startUrl));
  let answers = false;
  return {
    /** Throws the error that ends the crawl when `event` says the start URL cannot be fetched. */
    note(event: CrawlEvent): void {
      if (event.type === "page" || (event.type === "skipped" && START_SEEN.has(event.code))) {
        answers = true;
        return;
      }
      if (event.url !== start) return;
      const why = event.type === "skipped" ? event.reason : event.message;
      throw new AgentwebError(
        event.code,
        `cannot crawl ${start}: the start URL ${describe(why)}; check the URL (no stored page was removed)`,
        { data: { url: start } },
      );
    },
    /**
     * True once the site has served a page (the start URL or another): until then a 404 may be the
     * whole site failing, not one page gone.
     */
    get siteAnswers(): boolean {
      return answers;
    },
  };
}

function describe(why: string): string {
  return /^(gone|not|redirected|disallowed)/i.test(why) ? `is ${why}` : `failed: ${why}`;
}
