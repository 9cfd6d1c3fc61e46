/**
 * Sitemap: present (robots.txt `Sitemap:` lines, else sitemap.xml under the audited path or at the
 * root), readable as one of the sitemaps.org forms, `lastmod` on its URLs (how agents and crawlers
 * know what changed), and its URLs alive. Reading is crawler/frontier's; this file is the audit's
 * policy on what it read.
 */
import type { AuditFinding } from "../../schemas/audit.js";
import { describeGet, type SafeGet, statusOf } from "../fetch/safe-get.js";
import { readSitemaps, sitemapRoots } from "../frontier/sitemaps.js";

export interface SitemapOutcome {
  findings: AuditFinding[];
  url?: string;
  urls: { url: string; lastmod?: string }[];
  withLastmod: number;
}

/** Sitemap files read (indexes included). */
const MAX_FILES = 20;

/**
 * @example const { urls, findings } = await checkSitemap({ origin: "https://x.dev", robotsSitemaps: [], get, probe: 10 });
 */
export async function checkSitemap(input: {
  origin: string;
  /** The audited path's directory, e.g. "/docs/". */
  prefix?: string;
  /** The robots.txt `Sitemap:` lines. */
  robotsSitemaps: string[];
  get: SafeGet;
  /** How many sitemap URLs to request to see that they are alive. */
  probe: number;
}): Promise<SitemapOutcome> {
  const findings: AuditFinding[] = [];
  const add = (f: Omit<AuditFinding, "category">) => findings.push({ category: "sitemap", ...f });
  const fallback = !input.robotsSitemaps.length;
  const roots = sitemapRoots({
    origin: input.origin,
    declared: input.robotsSitemaps,
    ...(input.prefix ? { prefix: input.prefix } : {}),
  });
  const read = await readSitemaps(roots, { get: input.get, maxFiles: MAX_FILES });
  const found = read.files[0];
  // A guessed location that is simply absent is not a broken sitemap once another one was found.
  const invalid = read.problems
    .filter((p) => !(found && fallback && p.status === 404))
    .map((p) => ({ url: p.url, detail: p.detail }));
  const list = read.entries;
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
      message: `${invalid.length} sitemap file(s) could not be read or break the sitemaps.org limits`,
      fix: "Make every listed sitemap answer 200 with a <urlset> or <sitemapindex> document (at most 50,000 URLs and 50 MB, indexes not nested deeper than 3).",
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
  // Side by side: the getter paces them (and most are sampled pages it shares with the sample).
  const probes = await Promise.all(probed.map(async (u) => ({ url: u.url, res: await input.get(u.url) })));
  const dead = probes
    .filter(({ res }) => statusOf(res) !== 200)
    .map(({ url, res }) => ({ url, detail: describeGet(res) }));
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
