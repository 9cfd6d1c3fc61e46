import { createHash } from "node:crypto";
import type { IndexHandle } from "../ops/index-handle.js";
import type { Publication, PublishedTwin } from "../ops/publish-site.js";
import { buildSitePublication } from "../ops/publish-site.js";

/**
 * Stands for the base URL while a publication is cached: links are made absolute per request
 * (the base follows the request's origin), yet each site is built once, whatever Host headers
 * clients send — a cache keyed by base URL would let any client make the server build and keep
 * a publication per invented host.
 */
const BASE_PLACEHOLDER = "http://agentweb-base.invalid";

/** A site's publication as built once, with its twins by path and each file's ETag. */
interface CachedSite {
  publication: Publication;
  twins: Map<string, PublishedTwin>;
  etags: Record<keyof Publication["files"], string>;
}

/** What the routes serve for one site and base URL. */
export interface HostedSite {
  /** A file's text and ETag with links made absolute against the request's base URL. */
  file(name: keyof Publication["files"]): { text: string; etag: string };
  twins: Map<string, PublishedTwin>;
  lastModified: string;
}

/**
 * One publication per site, rebuilt only when the site's stored pages change: the version is a
 * hash of every (url, contentHash) pair, one cheap column read per request.
 *
 * @example const hosted = await createHostingCache(index).get("docs.example.com", "https://host/sites/docs.example.com");
 */
export function createHostingCache(index: IndexHandle) {
  const entries = new Map<string, { version: string; site: Promise<CachedSite> }>();
  const cached = async (site: string): Promise<CachedSite> => {
    const hashes = await index.store.pageHashes(site);
    const version = createHash("sha1")
      .update([...hashes].sort(([a], [b]) => (a < b ? -1 : 1)).join("\n"))
      .digest("hex");
    const entry = entries.get(site);
    if (entry?.version === version) return entry.site;
    const built = buildSitePublication(index, { site, baseUrl: BASE_PLACEHOLDER }).then((publication) => ({
      publication,
      twins: new Map(publication.twins.map((t) => [t.path, t])),
      etags: Object.fromEntries(
        Object.entries(publication.files).map(([name, text]) => [name, etagOf(text)]),
      ) as CachedSite["etags"],
    }));
    entries.set(site, { version, site: built });
    built.catch(() => entries.delete(site));
    return built;
  };
  return {
    async get(site: string, baseUrl: string): Promise<HostedSite> {
      const { publication, twins, etags } = await cached(site);
      return {
        file(name) {
          const text = publication.files[name];
          // Only files that link to twins (llms.txt) carry the placeholder; the big ones are served as built.
          if (!text.includes(BASE_PLACEHOLDER)) return { text, etag: etags[name] };
          const based = text.replaceAll(BASE_PLACEHOLDER, baseUrl);
          return { text: based, etag: etagOf(based) };
        },
        twins,
        lastModified: publication.lastModified,
      };
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
