/**
 * Sitemap: present (robots.txt `Sitemap:` lines, else /sitemap.xml), valid XML of the sitemaps.org
 * shapes, `lastmod` on its URLs (how agents and crawlers know what changed), and its URLs alive.
 * Read with small local steps rather than crawler/frontier's readSitemaps, which needs a whole
 * crawl Fetcher (politeness, robots cache) the audit does not build.
 */
import type { AuditFinding } from "../../schemas/audit.js";
import { decodeSitemapBody } from "../frontier/sitemaps.js";
import type { AuditFetch } from "./audit-fetch.js";

export interface SitemapOutcome {
  findings: AuditFinding[];
  url?: string;
  urls: { url: string; lastmod?: string }[];
  withLastmod: number;
}

/** Sitemap files read (indexes included) and URLs probed for liveness. */
const MAX_FILES = 20;
const MAX_URLS = 50_000;

/**
 * @example const { urls, findings } = await checkSitemap({ origin: "https://x.dev", robotsSitemaps: [], get, probe: 10 });
 */
export async function checkSitemap(input: {
  origin: string;
  /** The audited path's directory, e.g. "/docs/". */
  prefix?: string;
  robotsSitemaps: string[];
  get: AuditFetch;
  /** How many sitemap URLs to request to see that they are alive. */
  probe: number;
}): Promise<SitemapOutcome> {
  const findings: AuditFinding[] = [];
  const add = (f: Omit<AuditFinding, "category">) => findings.push({ category: "sitemap", ...f });
  // Without a Sitemap: line, look where static hosts put it: under the audited path (a project
  // site on GitHub Pages lives under /<repo>/), then at the root.
  const fallback = !input.robotsSitemaps.length;
  const under = `${input.origin}${input.prefix ?? "/"}sitemap.xml`;
  const roots = fallback ? [...new Set([under, `${input.origin}/sitemap.xml`])] : input.robotsSitemaps;
  const urls = new Map<string, { url: string; lastmod?: string }>();
  const invalid: { url: string; detail: string }[] = [];
  const queue = [...roots];
  const seen = new Set<string>();
  let found: string | undefined;
  while (queue.length && seen.size < MAX_FILES && urls.size < MAX_URLS) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await input.get(url, { accept: "application/xml, text/xml;q=0.9, */*;q=0.5" });
    if (res.status !== 200) {
      invalid.push({ url, detail: res.error ?? `HTTP ${res.status}` });
      continue;
    }
    let xml: string;
    try {
      xml = decodeSitemapBody(res.body);
    } catch (err) {
      invalid.push({ url, detail: `cannot inflate: ${(err as Error).message}` });
      continue;
    }
    const isIndex = /<sitemapindex[\s>]/i.test(xml);
    if (!isIndex && !/<urlset[\s>]/i.test(xml)) {
      invalid.push({ url, detail: "neither <urlset> nor <sitemapindex>" });
      continue;
    }
    found ??= url;
    for (const block of xml.matchAll(/<(url|sitemap)\b[^>]*>([\s\S]*?)<\/\1>/gi)) {
      const loc = /<loc>\s*([^<]+?)\s*<\/loc>/i.exec(block[2]!)?.[1]?.replace(/&amp;/g, "&");
      if (!loc) continue;
      if (isIndex) queue.push(loc);
      else {
        const lastmod = /<lastmod>\s*([^<]+?)\s*<\/lastmod>/i.exec(block[2]!)?.[1];
        urls.set(loc, { url: loc, ...(lastmod ? { lastmod } : {}) });
      }
    }
  }
  // A guessed location that is simply absent is not a broken sitemap once another one was found.
  if (found && fallback) invalid.splice(0, invalid.length, ...invalid.filter((i) => i.detail !== "HTTP 404"));
  const list = [...urls.values()];
  const withLastmod = list.filter((u) => u.lastmod).length;
  if (!found) {
    add({
      code: "sitemap-missing",
      severity: "error",
      message: "no readable sitemap: crawlers and agents must discover pages by following links",
      fix: "Publish /sitemap.xml (urlset with <loc> and <lastmod>) and name it in robots.txt with a `Sitemap:` line.",
      penalty: 70,
      evidence: invalid.length ? invalid : roots.map((url) => ({ url, detail: "not found" })),
    });
    return { findings, urls: [], withLastmod: 0 };
  }
  if (invalid.length) {
    add({
      code: "sitemap-invalid",
      severity: "warning",
      message: `${invalid.length} sitemap file(s) could not be read`,
      fix: "Make every listed sitemap answer 200 with a <urlset> or <sitemapindex> document.",
      penalty: Math.min(30, 10 * invalid.length),
      evidence: invalid,
    });
  }
  if (!input.robotsSitemaps.length) {
    add({
      code: "sitemap-not-in-robots",
      severity: "info",
      message: "robots.txt does not name the sitemap",
      fix: `Add \`Sitemap: ${found}\` to robots.txt.`,
      penalty: 5,
      evidence: [{ url: `${input.origin}/robots.txt`, detail: "no Sitemap: line" }],
    });
  }
  if (list.length && withLastmod < list.length) {
    const share = 1 - withLastmod / list.length;
    add({
      code: "sitemap-no-lastmod",
      severity: "warning",
      message: `${list.length - withLastmod} of ${list.length} sitemap URLs have no <lastmod>`,
      fix: "Give every <url> a <lastmod> with the page's last real change (W3C date), so re-crawls fetch only what changed.",
      penalty: Math.round(20 * share),
      evidence: list
        .filter((u) => !u.lastmod)
        .slice(0, 5)
        .map((u) => ({ url: found!, element: `<loc>${u.url}</loc>`, detail: "no <lastmod>" })),
    });
  }
  // sitemaps.org: a sitemap lists URLs of its own host only; others are not requested.
  const offsite = list.filter((u) => !u.url.startsWith(`${input.origin}/`));
  if (offsite.length) {
    add({
      code: "sitemap-other-origin",
      severity: "error",
      message: `${offsite.length} of ${list.length} sitemap URLs are on another origin than ${input.origin}`,
      fix: `List this site's own URLs (${input.origin}/…); a copy or staging host should rewrite <loc>.`,
      penalty: Math.round(40 * (offsite.length / list.length)),
      evidence: offsite.slice(0, 5).map((u) => ({ url: found!, element: `<loc>${u.url}</loc>` })),
    });
  }
  const probed = spread(
    list.filter((u) => u.url.startsWith(`${input.origin}/`)),
    input.probe,
  );
  const dead: { url: string; detail: string }[] = [];
  for (const u of probed) {
    const res = await input.get(u.url);
    if (res.status !== 200) dead.push({ url: u.url, detail: res.error ?? `HTTP ${res.status}` });
  }
  if (dead.length) {
    add({
      code: "sitemap-dead-urls",
      severity: "error",
      message: `${dead.length} of ${probed.length} probed sitemap URLs do not answer 200`,
      fix: "Remove dead and redirecting URLs from the sitemap; list only canonical pages that answer 200.",
      penalty: Math.round(40 * (dead.length / probed.length)),
      evidence: dead,
    });
  }
  return { findings, url: found, urls: list, withLastmod };
}

/** `n` entries spread over the list, so the probe sees more than its first section. */
function spread<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list;
  const step = list.length / n;
  return Array.from({ length: n }, (_, i) => list[Math.floor(i * step)]!);
}
