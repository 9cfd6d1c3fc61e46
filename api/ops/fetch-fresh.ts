import { crawl, crawlOptionsFrom } from "../../crawler/crawl.js";
import type { EgressPolicy } from "../../crawler/fetch/egress-guard.js";
import { createIndexWriter } from "../../indexer/index-writer.js";
import { AgentwebError } from "../../schemas/errors.js";
import type { Page } from "../../schemas/page.js";
import { scopePrefix } from "../../schemas/site-id.js";
import { assertWritable, type IndexHandle } from "./index-handle.js";
import { assertAllowed } from "./url-guard.js";

/**
 * Fetches one URL now through the crawler (robots.txt, extraction, hidden-content guard) and
 * returns it clean. When the URL lies inside an indexed site (same origin, under its start URL's
 * directory) the page is stored under that site too, replacing its older copy. With an egress
 * policy (API and MCP callers) the URL is checked before anything is sent, and every request of
 * the fetch (robots.txt, redirects) passes the guard.
 *
 * @example const { page, stored } = await fetchFreshPage(index, { url: "https://docs.example.com/new.html" }, { egress });
 */
export async function fetchFreshPage(
  index: IndexHandle,
  input: { url: string },
  options: { egress?: EgressPolicy; store?: boolean } = {},
): Promise<{ page: Page; stored: boolean }> {
  if (options.store !== false) assertWritable(index, "fetch a page fresh and store it");
  if (options.egress) await assertAllowed(options.egress, input.url);
  const { config } = index;
  let page: Page | undefined;
  const crawlOptions = crawlOptionsFrom(config, {
    startUrl: input.url,
    maxPages: 1,
    maxDepth: 0,
    include: [],
    exclude: [],
    egress: options.egress,
  });
  for await (const event of crawl(crawlOptions)) {
    if (event.type === "page") page = event.page;
    else if (event.type === "skipped")
      throw new AgentwebError(event.code, `${event.url}: ${event.reason}`, { data: { url: event.url } });
    else throw new AgentwebError(event.code, `${event.url}: ${event.message}`, { data: { url: event.url } });
    break;
  }
  if (!page)
    throw new AgentwebError("FETCH_FAILED", `no page came back for ${input.url}`, {
      data: { url: input.url },
    });
  const site = options.store === false ? undefined : indexedSiteOf(index, page.url);
  if (!site) return { page, stored: false };
  const owned: Page = { ...page, site };
  const writer = createIndexWriter({
    store: index.store,
    embedder: await index.embedder(),
    chunkTokens: config.chunkTokens,
  });
  await writer.addPage(owned);
  await writer.settle();
  return { page: owned, stored: true };
}

/** The indexed site whose scope (origin + start directory) holds `url`, the longest prefix winning. */
function indexedSiteOf(index: IndexHandle, url: string): string | undefined {
  const target = new URL(url);
  let best: { site: string; prefix: string } | undefined;
  for (const record of Object.values(index.dataDir.readMeta().sites)) {
    const start = new URL(record.startUrl);
    const prefix = scopePrefix(start);
    if (start.origin !== target.origin || !target.pathname.startsWith(prefix)) continue;
    if (!best || prefix.length > best.prefix.length) best = { site: record.site, prefix };
  }
  return best?.site;
}
