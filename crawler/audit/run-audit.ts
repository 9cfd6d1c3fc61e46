/**
 * One audit from start to end: robots.txt, sitemap, the page sample, then the six checks and the
 * score. Everything the audit reads goes through `get` (the egress guard applies when the caller
 * set one) and Chromium through `render`, both injected by the caller.
 *
 * Checks run side by side and share responses (shared-fetch.ts paces every request like the
 * crawl); pages that look script-built are rendered while the sample is still being read.
 */
import type { AuditFinding, AuditPage, AuditReport } from "../../schemas/audit.js";
import { AgentwebError } from "../../schemas/errors.js";
import { parseRobotsTxt, policyFor } from "../fetch/robots-txt.js";
import { describeGet, type SafeGet, statusOf } from "../fetch/safe-get.js";
import { parseLlmsTxt } from "../llms-txt/parse.js";
import { checkAccess } from "./check-access.js";
import { createJavascriptCheck, missingShare, type RenderHtml } from "./check-javascript.js";
import { checkLlmsTxt, LLMS_ACCEPT } from "./check-llms-txt.js";
import { checkSitemap } from "./check-sitemap.js";
import { checkStructure } from "./check-structure.js";
import { checkTokens, noiseRatio } from "./check-tokens.js";
import type { ExtractHtml, PageFacts } from "./page-facts.js";
import { samplePages } from "./sample-pages.js";
import { scoreFindings } from "./score.js";
import { createSharedFetch } from "./shared-fetch.js";

export interface RunAuditOptions {
  startUrl: string;
  maxPages: number;
  get: SafeGet;
  render?: RenderHtml;
  /** Pages rendered in Chromium at most (default 10). */
  maxRenders?: number;
  /** Pages rendered at once (default 1). */
  renderConcurrency?: number;
  /** Internal links not in the sample requested to find broken ones (default 30). */
  maxLinkProbes?: number;
  /**
   * Politeness, as the crawl's: milliseconds between two request starts on the audited host (the
   * site's Crawl-delay may raise it; default 0) and requests at once (default 4).
   */
  delayMs?: number;
  concurrency?: number;
  /** Extraction (the crawler's worker pool); in this thread when not given. */
  extract?: ExtractHtml;
  limits: { userAgent: string; timeoutMs: number; maxBytes: number };
  onProgress?: (step: string, pages: number) => void;
}

/** The report and the sampled pages (the ops layer builds the suggested llms.txt from them). */
export interface AuditOutcome {
  report: AuditReport;
  pages: PageFacts[];
}

/**
 * @example
 * const { report } = await runAudit({ startUrl: "http://127.0.0.1:8080/", maxPages: 50, get, limits });
 * report.score // 0–100
 */
export async function runAudit(o: RunAuditOptions): Promise<AuditOutcome> {
  const startedAt = new Date().toISOString();
  const progress = o.onProgress ?? (() => {});
  const start = new URL(o.startUrl);
  const origin = start.origin;
  const shared = createSharedFetch(o.get, {
    delayMs: o.delayMs ?? 0,
    concurrency: o.concurrency ?? 4,
    origin,
  });
  const get = shared.get;
  const first = await get(o.startUrl);
  if (!first.ok) throw new AgentwebError("UNREACHABLE", `cannot reach ${o.startUrl}: ${describeGet(first)}`);
  progress("robots.txt", 0);
  const robots = await get(`${origin}/robots.txt`, { accept: "text/plain" });
  const parsedRobots = robots.ok && robots.status === 200 ? parseRobotsTxt(robots.text) : undefined;
  const crawlDelay = parsedRobots && policyFor(parsedRobots, o.limits.userAgent).crawlDelay;
  if (crawlDelay !== undefined) shared.setHostDelay(start.host, crawlDelay * 1000);
  progress("sitemap", 0);
  const prefix = start.pathname.replace(/[^/]*$/, "");
  const [sitemap, llmsLinks] = await Promise.all([
    checkSitemap({ origin, prefix, robotsSitemaps: parsedRobots?.sitemaps ?? [], get, probe: 10 }),
    llmsTxtLinks(o.startUrl, get),
  ]);
  progress("pages", 0);
  const js = createJavascriptCheck({
    ...(o.render ? { render: o.render } : {}),
    maxRenders: o.maxRenders ?? 10,
    concurrency: o.renderConcurrency ?? 1,
    ...(o.extract ? { extract: o.extract } : {}),
  });
  let sampled = 0;
  const pages = await samplePages({
    startUrl: o.startUrl,
    seeds: [
      ...llmsLinks,
      ...spreadUrls(
        sitemap.urls.map((u) => u.url),
        o.maxPages,
      ),
    ],
    get,
    maxPages: o.maxPages,
    ...(o.extract ? { extract: o.extract } : {}),
    onPage: (page) => {
      js.offer(page);
      progress("pages", ++sampled);
    },
  });
  progress("checks", pages.length);
  const pageUrls = pages.filter((p) => p.status === 200).map((p) => p.url);
  const [llms, jsOutcome, links] = await Promise.all([
    checkLlmsTxt({
      startUrl: o.startUrl,
      pages: pageUrls,
      ...(sitemap.url ? { sitemapUrl: sitemap.url } : {}),
      get,
      limits: o.limits,
    }),
    js.finish(pages),
    probeLinks(pages, get, o.maxLinkProbes ?? 30),
  ]);
  const access = checkAccess({ robots, pages: pageUrls, ...(llms.url ? { llmsTxtUrl: llms.url } : {}) });
  const findings: AuditFinding[] = [
    ...access.findings,
    ...llms.findings,
    ...sitemap.findings,
    ...jsOutcome.findings,
    ...checkTokens(pages),
    ...checkStructure(pages, links),
  ];
  const { score, categories, fixes } = scoreFindings(findings);
  const report: AuditReport = {
    url: o.startUrl,
    startedAt,
    finishedAt: new Date().toISOString(),
    score,
    categories,
    fixes,
    findings,
    pages: pages.map((p) => auditPage(p, jsOutcome.rendered.get(p.url), jsOutcome.textWithJs.get(p.url))),
    bots: access.bots,
    llmsTxt: {
      ...(llms.url ? { url: llms.url } : {}),
      ...(llms.report
        ? { level: llms.report.level, tokens: llms.report.tokens.core, links: llms.report.links }
        : {}),
      fullTxt: llms.fullTxt,
    },
    sitemap: {
      ...(sitemap.url ? { url: sitemap.url } : {}),
      urls: sitemap.urls.length,
      withLastmod: sitemap.withLastmod,
    },
    rendered: jsOutcome.rendered.size,
    notes: jsOutcome.notes,
  };
  return { report, pages };
}

function auditPage(
  p: PageFacts,
  renderedChars: number | undefined,
  withJsChars: number | undefined,
): AuditPage {
  return {
    url: p.url,
    status: p.status,
    ms: p.ms,
    bytes: p.bytes,
    title: p.title,
    htmlTokens: p.htmlTokens,
    markdownTokens: p.markdownTokens,
    noiseRatio: Math.round(noiseRatio(p) * 1000) / 1000,
    httpChars: p.textChars,
    ...(renderedChars !== undefined ? { renderedChars } : {}),
    missingShare: Math.round(missingShare(p, withJsChars) * 1000) / 1000,
    h1: p.h1,
    images: p.images,
    imagesWithoutAlt: p.imagesWithoutAlt.length,
    ...(p.error ? { error: p.error } : {}),
  };
}

/** Link URLs of the site's llms.txt (root or under the start path), for the sample's seeds. */
async function llmsTxtLinks(startUrl: string, get: SafeGet): Promise<string[]> {
  const start = new URL(startUrl);
  const dir = start.pathname.replace(/[^/]*$/, "");
  for (const path of new Set([`${dir}llms.txt`, "/llms.txt"])) {
    // Asked for as the llms.txt check asks: one request serves both.
    const res = await get(new URL(path, start).href, LLMS_ACCEPT);
    if (!res.ok || res.status !== 200) continue;
    const doc = parseLlmsTxt(res.body).llmsTxt;
    if (!doc.title) continue;
    return doc.sections.flatMap((s) => s.links.map((l) => new URL(l.url, res.finalUrl).href));
  }
  return [];
}

/** Internal links of the sampled pages that the sample did not fetch, requested to find broken ones. */
async function probeLinks(pages: PageFacts[], get: SafeGet, max: number) {
  const sampled = new Set(pages.flatMap((p) => [strip(p.url), strip(p.finalUrl)]));
  const targets = new Map<string, string>();
  for (const p of pages) {
    const origin = new URL(p.finalUrl).origin;
    for (const l of p.links) {
      const url = strip(l.url);
      if (new URL(url).origin !== origin || sampled.has(url) || targets.has(url)) continue;
      targets.set(url, p.url);
    }
  }
  const probed = await Promise.all(
    [...targets]
      .slice(0, max)
      .map(async ([url, from]) => [url, { status: statusOf(await get(url)), from }] as const),
  );
  return new Map(probed);
}

function strip(url: string): string {
  const u = new URL(url);
  u.hash = "";
  return u.href;
}

function spreadUrls(urls: string[], n: number): string[] {
  if (urls.length <= n) return urls;
  const step = urls.length / n;
  return Array.from({ length: n }, (_, i) => urls[Math.floor(i * step)]!);
}
