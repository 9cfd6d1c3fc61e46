import { createHash } from "node:crypto";
import type { Publication, PublishedTwin } from "../../indexer/publish/build-publication.js";
import type { IndexHandle } from "../ops/index-handle.js";
import { buildSitePublication } from "../ops/publish-site.js";

/** A built publication with its twins by path, valid while the site's pages are unchanged. */
export interface HostedSite {
  publication: Publication;
  twins: Map<string, PublishedTwin>;
  etags: Record<keyof Publication["files"], string>;
}

/**
 * Publications per (site, base URL), rebuilt only when the site's stored pages change: the
 * version is a hash of every (url, contentHash) pair, one cheap column read per request.
 *
 * @example const hosted = await createHostingCache(index).get("docs.example.com", "https://host/sites/docs.example.com");
 */
export function createHostingCache(index: IndexHandle) {
  const entries = new Map<string, { version: string; hosted: Promise<HostedSite> }>();
  return {
    async get(site: string, baseUrl: string): Promise<HostedSite> {
      const hashes = await index.store.pageHashes(site);
      const version = createHash("sha1")
        .update([...hashes].sort(([a], [b]) => (a < b ? -1 : 1)).join("\n"))
        .digest("hex");
      const key = `${site}\n${baseUrl}`;
      const cached = entries.get(key);
      if (cached?.version === version) return cached.hosted;
      const hosted = buildSitePublication(index, { site, baseUrl }).then((publication) => ({
        publication,
        twins: new Map(publication.twins.map((t) => [t.path, t])),
        etags: Object.fromEntries(
          Object.entries(publication.files).map(([name, text]) => [name, etagOf(text)]),
        ) as HostedSite["etags"],
      }));
      entries.set(key, { version, hosted });
      hosted.catch(() => entries.delete(key));
      return hosted;
    },
  };
}

/**
 * A strong ETag for a body.
 *
 * @example etagOf("hello") // "\"aaf4c61ddcc5e8a2dabede0f3b482cd9\""
 */
export function etagOf(text: string): string {
  return `"${createHash("sha1").update(text).digest("hex").slice(0, 32)}"`;
}
