/**
 * One audit from start to end: robots.txt, sitemap, the page sample, then the six checks and the
 * score. Everything the audit reads goes through `get` (the egress guard applies when the caller
 * set one) and Chromium through `render`, both injected by the caller.
 */
import type { AuditFinding, AuditPage, AuditReport } from "../../schemas/audit.js";
import { parseRobotsTxt } from "../fetch/robots-txt.js";
import { parseLlmsTxt } from "../llms-txt/parse.js";
import type { AuditFetch } from "./audit-fetch.js";
import { checkAccess } from "./check-access.js";
import { checkJavascript, missingShare, type RenderHtml } from "./check-javascript.js";
import { checkLlmsTxt } from "./check-llms-txt.js";
import { checkSitemap } from "./check-sitemap.js";
import { checkStructure } from "./check-structure.js";
import { checkTokens, noiseRatio } from "./check-tokens.js";
import type { PageFacts } from "./page-facts.js";
import { samplePages } from "./sample-pages.js";
import { scoreFindings } from "./score.js";

export interface RunAuditOptions {
  startUrl: string;
  maxPages: number;
  get: AuditFetch;
  render?: RenderHtml;
  /** Pages rendered in Chromium at most (default 10). */
  maxRenders?: number;
  /** Internal links not in the sample requested to find broken ones (default 30). */
  maxLinkProbes?: number;
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
  const origin = new URL(o.startUrl).origin;
  progress("robots.txt", 0);
  const robots = await o.get(`${origin}/robots.txt`, { accept: "text/plain" });
  const robotsSitemaps = robots.status === 200 ? parseRobotsTxt(robots.body.toString("utf8")).sitemaps : [];
  progress("sitemap", 0);
  const prefix = new URL(o.startUrl).pathname.replace(/[^/]*$/, "");
  const sitemap = await checkSitemap({ origin, prefix, robotsSitemaps, get: o.get, probe: 10 });
  progress("pages", 0);
  const llmsLinks = await llmsTxtLinks(o.startUrl, o.get);
  const pages = await samplePages({
    startUrl: o.startUrl,
    seeds: [
      ...llmsLinks,
      ...spreadUrls(
        sitemap.urls.map((u) => u.url),
        o.maxPages,
      ),
    ],
    get: o.get,
    maxPages: o.maxPages,
    onPage: () => progress("pages", 0),
  });
  progress("llms.txt", pages.length);
  const pageUrls = pages.filter((p) => p.status === 200).map((p) => p.url);
  const llms = await checkLlmsTxt({
    startUrl: o.startUrl,
    pages: pageUrls,
    ...(sitemap.url ? { sitemapUrl: sitemap.url } : {}),
    get: o.get,
    limits: o.limits,
  });
  const access = checkAccess({ robots, pages: pageUrls, ...(llms.url ? { llmsTxtUrl: llms.url } : {}) });
  progress("javascript", pages.length);
  const js = await checkJavascript(pages, {
    ...(o.render ? { render: o.render } : {}),
    maxRenders: o.maxRenders ?? 10,
  });
  progress("links", pages.length);
  const links = await probeLinks(pages, o.get, o.maxLinkProbes ?? 30);
  const findings: AuditFinding[] = [
    ...access.findings,
    ...llms.findings,
    ...sitemap.findings,
    ...js.findings,
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
    pages: pages.map((p) => auditPage(p, js.rendered.get(p.url))),
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
    rendered: js.rendered.size,
    notes: js.notes,
  };
  return { report, pages };
}

function auditPage(p: PageFacts, renderedChars: number | undefined): AuditPage {
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
    missingShare: Math.round(missingShare(p, renderedChars) * 1000) / 1000,
    h1: p.h1,
    images: p.images,
    imagesWithoutAlt: p.imagesWithoutAlt.length,
    ...(p.error ? { error: p.error } : {}),
  };
}

/** Link URLs of the site's llms.txt (root or under the start path), for the sample's seeds. */
async function llmsTxtLinks(startUrl: string, get: AuditFetch): Promise<string[]> {
  const start = new URL(startUrl);
  const dir = start.pathname.replace(/[^/]*$/, "");
  for (const path of new Set([`${dir}llms.txt`, "/llms.txt"])) {
    const res = await get(new URL(path, start).href, { accept: "text/plain" });
    if (res.status !== 200) continue;
    const doc = parseLlmsTxt(res.body).llmsTxt;
    if (!doc.title) continue;
    return doc.sections.flatMap((s) => s.links.map((l) => new URL(l.url, res.finalUrl).href));
  }
  return [];
}

/** Internal links of the sampled pages that the sample did not fetch, requested to find broken ones. */
async function probeLinks(pages: PageFacts[], get: AuditFetch, max: number) {
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
  const out = new Map<string, { status: number; from: string }>();
  for (const [url, from] of [...targets].slice(0, max))
    out.set(url, { status: (await get(url)).status, from });
  return out;
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
