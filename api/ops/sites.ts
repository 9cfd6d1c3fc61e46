import type { SiteInfo, SiteRequest } from "../../schemas/api.js";
import { AgentwebError } from "../../schemas/errors.js";
import { assertWritable, type IndexHandle } from "./index-handle.js";

/**
 * Every indexed site (as recorded in the data dir's meta.json when a crawl finishes) with its
 * page/chunk counts, last crawl and embedder.
 *
 * @example const { sites } = await listSites(index);
 */
export async function listSites(index: IndexHandle): Promise<{ sites: SiteInfo[] }> {
  const meta = index.dataDir.readMeta();
  const sites = await Promise.all(
    Object.keys(meta.sites)
      .sort()
      .map((id) => describeSite(index, id)),
  );
  return { sites };
}

/**
 * One site's record, or NOT_FOUND.
 *
 * @example const info = await getSite(index, { site: "docs.example.com" });
 */
export async function getSite(index: IndexHandle, input: SiteRequest): Promise<SiteInfo> {
  const { site } = input;
  const info = await describeSite(index, site);
  if (!index.dataDir.readMeta().sites[site] && info.pages === 0) {
    throw new AgentwebError("NOT_FOUND", `no site ${site} in this index (see GET /v1/sites)`, {
      data: { site },
    });
  }
  return info;
}

/**
 * Deletes a site's pages, chunks and record. The caller must hold the writer (the server does);
 * a crawl running on the site is refused with CONFLICT by the crawl jobs layer before this.
 *
 * @example await deleteSite(index, { site: "docs.example.com" }) // { deleted, pages, chunks }
 */
export async function deleteSite(
  index: IndexHandle,
  input: SiteRequest,
): Promise<{ deleted: string; pages: number; chunks: number }> {
  assertWritable(index, "delete a site");
  const info = await getSite(index, input);
  await index.store.deleteSite(info.site);
  index.dataDir.writeMeta((meta) => {
    delete meta.sites[info.site];
  });
  return { deleted: info.site, pages: info.pages, chunks: info.chunks };
}

async function describeSite(index: IndexHandle, site: string): Promise<SiteInfo> {
  const record = index.dataDir.readMeta().sites[site];
  const counts = await index.store.counts(site);
  return {
    site,
    ...(record?.startUrl ? { startUrl: record.startUrl } : {}),
    ...counts,
    embedder: record?.embedder ?? "unknown",
    ...(record?.lastCrawl ? { lastCrawl: record.lastCrawl } : {}),
  };
}
