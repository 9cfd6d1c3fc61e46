/**
 * Fetches a page's markdown twin during the crawl (robots.txt and politeness apply as for any
 * request) and decides whether the site publishes twins at all: after a few pages without one,
 * conventional `.md` URLs are no longer probed, so a site without twins costs a handful of requests.
 */
import type { FetchedVia } from "../../schemas/page.js";
import type { CrawlContext } from "../crawl-context.js";
import { decodeText } from "../fetch/decode-text.js";
import { bodyKind, parseMediaType } from "../fetch/media-type.js";
import { normalizeUrl } from "../frontier/normalize-url.js";
import { TWIN_PROBE_PAGES, twinCandidate, twinMatches } from "./markdown-twin.js";

/** Whether twins are probed for; shared by a crawl's workers. */
export interface TwinProbe {
  enabled: boolean;
  probed: number;
  found: number;
}

/**
 * The twin's markdown when one exists and matches the page, else undefined.
 *
 * @example const twin = await fetchTwin(ctx, "https://x.dev/docs/a.html", html, "A – Docs");
 */
export async function fetchTwin(
  ctx: CrawlContext,
  pageUrl: string,
  html: string,
  title: string,
): Promise<{ url: string; markdown: string; via: FetchedVia } | undefined> {
  const probe = ctx.twins.enabled && (ctx.twins.found > 0 || ctx.twins.probed < TWIN_PROBE_PAGES);
  const candidate = twinCandidate({ pageUrl, html, llmsLinks: ctx.llmsLinks, probe });
  if (!candidate) return undefined;
  const url = normalizeUrl(candidate.url);
  if (url === normalizeUrl(pageUrl)) return undefined;
  if (candidate.declared === "convention") ctx.twins.probed += 1;
  try {
    if (ctx.robots) {
      const u = new URL(url);
      if (!(await ctx.robots.forUrl(url)).policy.isAllowed(u.pathname + u.search)) return undefined;
    }
    const res = await ctx.fetcher.get(url, {
      retries: 0,
      headers: { accept: "text/markdown, text/plain;q=0.9" },
    });
    if (res.status !== 200) return undefined;
    const media = parseMediaType(res.headers["content-type"]);
    const kind = bodyKind(media, res.body);
    // Static hosts serve .md as text/plain or application/octet-stream.
    if (kind !== "markdown" && kind !== "plain" && media?.type !== "application/octet-stream")
      return undefined;
    const markdown = decodeText(res.body, media?.params.charset, false);
    if (!twinMatches(title, markdown)) return undefined;
    if (candidate.declared === "convention") ctx.twins.found += 1;
    ctx.queue.markSeen(url);
    return { url, markdown, via: ctx.llmsLinks.has(url) ? "llms.txt-md" : "md-twin" };
  } catch {
    return undefined;
  }
}
