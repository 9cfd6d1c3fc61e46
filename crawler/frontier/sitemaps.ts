/**
 * The one sitemap reader: where a site's sitemaps are (robots.txt `Sitemap:` lines, else
 * sitemap.xml), and every page URL they list, read through the caller's never-throwing getter
 * (the crawl's Fetcher with politeness, the audit's origin-pinned get, llms.txt's fetch options —
 * each with its limits and egress guard). Sitemap indexes are followed to a bounded depth with cycles detected;
 * what could not be read comes back as problems, never as a throw. Each caller keeps its own policy
 * on the result: the crawl seeds, the audit reports, llms.txt validation measures coverage.
 */
import { decodeText } from "../fetch/decode-text.js";
import type { Fetcher } from "../fetch/fetcher.js";
import { parseRobotsTxt } from "../fetch/robots-txt.js";
import { describeGet, type GetResult, type SafeGet, settleGet } from "../fetch/safe-get.js";
import {
  parseSitemap,
  SITEMAP_MAX_BYTES,
  SITEMAP_MAX_URLS,
  type SitemapEntry,
  type SitemapProblem,
} from "./sitemaps-parse.js";

export type { SitemapEntry, SitemapProblem, SitemapProblemKind } from "./sitemaps-parse.js";

export interface SitemapRead {
  entries: SitemapEntry[];
  /** One per sitemap file that could not be read, or was read but breaks a protocol limit. */
  problems: SitemapProblem[];
  /** The sitemap files read, in the order read (the first is the one a report names). */
  files: string[];
  /** True when reading stopped at `maxUrls` or `maxFiles` with sitemaps or URLs left. */
  truncated: boolean;
}

export interface ReadSitemapsOptions {
  get: SafeGet;
  /** How deep sitemap indexes are followed (default 3). */
  maxDepth?: number;
  /** Sitemap files read at most, indexes included (default 100). */
  maxFiles?: number;
  /** Page URLs kept at most (default 50,000). */
  maxUrls?: number;
}

const ACCEPT = "application/xml, text/xml;q=0.9, */*;q=0.5";

/**
 * @example
 * const { entries, problems } = await readSitemaps(["https://x.dev/sitemap.xml"], { get: fetcherGet(fetcher) });
 */
export async function readSitemaps(roots: string[], o: ReadSitemapsOptions): Promise<SitemapRead> {
  const maxUrls = o.maxUrls ?? SITEMAP_MAX_URLS;
  const maxFiles = o.maxFiles ?? 100;
  const maxDepth = o.maxDepth ?? 3;
  const entries = new Map<string, SitemapEntry>();
  const problems: SitemapProblem[] = [];
  const files: string[] = [];
  const visited = new Set<string>();
  const queue = roots.map((url) => ({ url, depth: 0 }));
  let truncated = false;
  while (queue.length) {
    if (visited.size >= maxFiles || entries.size >= maxUrls) {
      truncated = queue.some((q) => !visited.has(q.url));
      break;
    }
    const { url, depth } = queue.shift()!;
    if (visited.has(url)) continue; // an index listing itself or an ancestor: a cycle
    visited.add(url);
    const res = await o.get(url, { accept: ACCEPT });
    if (!res.ok || res.status !== 200) {
      problems.push(fetchProblem(url, res));
      continue;
    }
    const parsed = parseSitemap(res.body, res.media?.params.charset);
    problems.push(...parsed.problems.map((p) => ({ url, ...p })));
    if (!parsed.kind) continue;
    files.push(url);
    for (const entry of parsed.entries) {
      if (parsed.kind === "index") {
        if (depth < maxDepth) queue.push({ url: entry.url, depth: depth + 1 });
        else
          problems.push({
            url: entry.url,
            kind: "too-deep",
            detail: `sitemap index nested deeper than ${maxDepth}`,
          });
      } else if (entries.size < maxUrls || entries.has(entry.url)) entries.set(entry.url, entry);
      else truncated = true;
    }
  }
  return { entries: [...entries.values()], problems, files, truncated };
}

function fetchProblem(url: string, res: GetResult): SitemapProblem {
  if (res.ok) return { url, kind: "http", detail: describeGet(res), status: res.status };
  return { url, kind: res.code === "BODY_TOO_LARGE" ? "too-big" : "unreachable", detail: describeGet(res) };
}

/**
 * The crawl's Fetcher (politeness, its guard) as a never-throwing sitemap getter: one retry and the
 * sitemaps.org 50 MB cap.
 *
 * @example await readSitemaps(roots, { get: fetcherGet(ctx.fetcher) });
 */
export function fetcherGet(fetcher: Fetcher): SafeGet {
  return (url, headers = {}) =>
    settleGet(url, () => fetcher.get(url, { headers, maxBodyBytes: SITEMAP_MAX_BYTES, retries: 1 }));
}

/**
 * Where to look for a site's sitemaps: the `Sitemap:` lines of robots.txt (resolved against the
 * origin) when there are any; else sitemap.xml under `prefix` (a project site on a static host lives
 * under /<repo>/), then at the root.
 *
 * @example sitemapRoots({ origin: "https://x.dev", declared: [], prefix: "/docs/" })
 * // ["https://x.dev/docs/sitemap.xml", "https://x.dev/sitemap.xml"]
 */
export function sitemapRoots(o: { origin: string; declared: string[]; prefix?: string }): string[] {
  const declared = o.declared.flatMap((value) => {
    try {
      return [new URL(value, o.origin).href];
    } catch {
      return [];
    }
  });
  if (declared.length) return declared;
  return [...new Set([`${o.origin}${o.prefix ?? "/"}sitemap.xml`, `${o.origin}/sitemap.xml`])];
}

/**
 * Fetches a site's robots.txt and returns where its sitemaps are ({@link sitemapRoots}).
 *
 * @example await discoverSitemaps("https://x.dev/llms.txt", get) // ["https://x.dev/sitemap.xml"]
 */
export async function discoverSitemaps(siteUrl: string, get: SafeGet, prefix?: string): Promise<string[]> {
  const origin = new URL(siteUrl).origin;
  const robots = await get(`${origin}/robots.txt`, { accept: "text/plain" });
  const declared =
    robots.ok && robots.status === 200
      ? parseRobotsTxt(decodeText(robots.body, undefined, false)).sitemaps
      : [];
  return sitemapRoots({ origin, declared, ...(prefix ? { prefix } : {}) });
}
