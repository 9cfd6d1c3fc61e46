/**
 * A site's entry in the data dir's meta.json. It is written when the crawl stores the site's first
 * page, so that a crawl cut short (killed, restarted) still leaves its pages listed and searchable
 * by site; the crawl's outcome is added when it ends.
 */
import type { DataDir, SiteRecord } from "../../indexer/store/data-dir.js";

/**
 * Records (or refreshes) what the site is indexed with; its last crawl, if any, stays.
 *
 * @example registerSite(index.dataDir, { site, startUrl, embedder: "bundled", dims: 512 });
 */
export function registerSite(dataDir: DataDir, record: Omit<SiteRecord, "lastCrawl">): void {
  dataDir.writeMeta((meta) => {
    meta.sites[record.site] = { ...meta.sites[record.site], ...record };
  });
}

/**
 * Adds a finished (or cancelled) crawl's counts to a registered site.
 *
 * @example recordCrawl(index.dataDir, site, { startedAt, finishedAt, ok: 12, skipped: 1, failed: 0 });
 */
export function recordCrawl(
  dataDir: DataDir,
  site: string,
  lastCrawl: NonNullable<SiteRecord["lastCrawl"]>,
): void {
  dataDir.writeMeta((meta) => {
    const record = meta.sites[site];
    if (record) record.lastCrawl = lastCrawl;
  });
}
