/**
 * Finds the site's llms.txt (under the start URL's path first, then at the origin) through the
 * crawl's fetcher and robots.txt, and returns the links it lists: seeds for `--from-llms-txt`, and
 * the `.md` URLs that mark a page's twin as published by the site.
 */

import type { Fetcher } from "../fetch/fetcher.js";
import { bodyKind, parseMediaType } from "../fetch/media-type.js";
import type { RobotsCache } from "../fetch/robots-cache.js";
import { parseLlmsTxt } from "../llms-txt/parse.js";
import { normalizeUrl } from "./normalize-url.js";

export interface LlmsTxtSeeds {
  url: string;
  /** Every linked URL, normalised, in file order (Optional section included). */
  links: string[];
}

/**
 * @example const found = await discoverLlmsTxt("https://x.dev/docs/", { fetcher, robots });
 */
export async function discoverLlmsTxt(
  startUrl: string,
  o: { fetcher: Fetcher; robots: RobotsCache | undefined },
): Promise<LlmsTxtSeeds | undefined> {
  const start = new URL(startUrl);
  const dir = start.pathname.replace(/[^/]*$/, "");
  const candidates = [...new Set([`${start.origin}${dir}llms.txt`, `${start.origin}/llms.txt`])];
  for (const url of candidates) {
    if (o.robots && !(await o.robots.forUrl(url)).policy.isAllowed(new URL(url).pathname)) continue;
    try {
      const res = await o.fetcher.get(url, {
        retries: 0,
        headers: { accept: "text/markdown, text/plain;q=0.9" },
      });
      if (res.status !== 200) continue;
      // A soft 404 (the site's HTML page at every path) is not an llms.txt.
      if (bodyKind(parseMediaType(res.headers["content-type"]), res.body) === "html") continue;
      if (/^\s*</.test(res.body.subarray(0, 64).toString("utf8"))) continue;
      const { llmsTxt } = parseLlmsTxt(res.body);
      const links: string[] = [];
      for (const section of llmsTxt.sections) {
        for (const link of section.links) {
          try {
            links.push(normalizeUrl(link.url, res.finalUrl));
          } catch {}
        }
      }
      if (llmsTxt.title || links.length) return { url: res.finalUrl, links };
    } catch {}
  }
  return undefined;
}
