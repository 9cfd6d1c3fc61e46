import { createHash } from "node:crypto";
import { accessSync, constants } from "node:fs";
import { createAuditFetch } from "../../crawler/audit/audit-fetch.js";
import type { PageFacts } from "../../crawler/audit/page-facts.js";
import { runAudit } from "../../crawler/audit/run-audit.js";
import { createExtractPool } from "../../crawler/extract-pool/extract-pool.js";
import { createEgressGuard, type EgressPolicy } from "../../crawler/fetch/egress-guard.js";
import { formatLlmsTxt } from "../../crawler/llms-txt/format.js";
import { pagePathOfTwin } from "../../crawler/llms-txt/md-twin.js";
import { createBrowserRenderer } from "../../crawler/render/browser-renderer.js";
import { buildPublication } from "../../indexer/publish/build-publication.js";
import type { AuditReport, AuditRequest } from "../../schemas/audit.js";
import { Config } from "../../schemas/config.js";
import type { Page } from "../../schemas/page.js";
import { siteIdFor } from "../../schemas/site-id.js";
import { callerFetchLimits } from "./url-guard.js";

export interface AuditSiteOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** Set for audits started over HTTP or MCP: every request (browser included) passes the guard. */
  egress?: EgressPolicy;
  /** Chromium for the JavaScript check; false skips rendering (the check then uses extractor signals). */
  chromiumPath: string | false;
  maxRenders?: number;
  /**
   * The crawl's politeness, from the config (`delayMs`, `concurrency`), raised by the site's
   * Crawl-delay; the config's defaults when unset.
   */
  delayMs?: number;
  concurrency?: number;
  /** Extraction threads (at least one: pages are never extracted on the caller's thread) and the budget per page. */
  extractWorkers?: number;
  extractTimeoutMs?: number;
  onProgress?: (step: string, pages: number) => void;
}

const DEFAULTS = Config.parse({});
/** Pages rendered at once: as in a crawl, two Chromium tabs. */
const RENDER_TABS = 2;

/**
 * The options an audit takes from the config: the fetch limits callers share, Chromium, and the
 * crawl's politeness (delay, concurrency), so an audit reads a site as politely as a crawl would.
 *
 * @example auditSite({ url }, auditOptionsFrom(config));
 */
export function auditOptionsFrom(
  config: Pick<
    Config,
    | "userAgent"
    | "requestTimeoutMs"
    | "maxBodyBytes"
    | "chromiumPath"
    | "delayMs"
    | "concurrency"
    | "extractWorkers"
    | "extractTimeoutMs"
  >,
): AuditSiteOptions {
  return {
    ...callerFetchLimits(config),
    chromiumPath: config.chromiumPath,
    delayMs: config.delayMs,
    concurrency: config.concurrency,
    extractWorkers: config.extractWorkers,
    extractTimeoutMs: config.extractTimeoutMs,
  };
}

/** Pages an audit samples unless asked for another number. */
export const DEFAULT_AUDIT_PAGES = 50;
/** Below this conformance level, or below this coverage of the sample, llms.txt is "weak". */
const WEAK_LEVEL = 3;

/**
 * Audits a site's readiness for AI agents: the crawler's checks (crawler/audit), the score and fix
 * list, and — when llms.txt is missing or weak — a suggested llms.txt built by the publisher from
 * the sampled pages, linking the pages themselves (the site has no `.md` twins yet).
 *
 * @example
 * const report = await auditSite({ url: "https://docs.example.com/" }, { userAgent, timeoutMs: 15_000, maxBytes: 10e6, chromiumPath: "/usr/bin/chromium" });
 * report.score; report.fixes[0];
 */
export async function auditSite(input: AuditRequest, o: AuditSiteOptions): Promise<AuditReport> {
  const guard = o.egress ? createEgressGuard(o.egress) : undefined;
  if (guard) await guard.check(input.url);
  const limits = { userAgent: o.userAgent, timeoutMs: o.timeoutMs, maxBytes: o.maxBytes };
  const get = createAuditFetch({ ...limits, origin: new URL(input.url).origin, ...(guard ? { guard } : {}) });
  const chromium = o.chromiumPath !== false && isExecutable(o.chromiumPath) ? o.chromiumPath : undefined;
  // Started on first use: an unreachable site or one where no page runs a script never starts it.
  const renderer =
    chromium === undefined
      ? undefined
      : createBrowserRenderer({
          userAgent: o.userAgent,
          timeoutMs: o.timeoutMs,
          executablePath: chromium,
          concurrency: RENDER_TABS,
          ...(guard ? { guard } : {}),
        });
  // Off this thread (the server's, for HTTP and MCP audits) and within the budget per page.
  const pool = createExtractPool({
    size: Math.max(1, o.extractWorkers ?? DEFAULTS.extractWorkers),
    timeoutMs: o.extractTimeoutMs ?? DEFAULTS.extractTimeoutMs,
  });
  try {
    const { report, pages } = await runAudit({
      startUrl: input.url,
      maxPages: input.maxPages ?? DEFAULT_AUDIT_PAGES,
      get,
      ...(renderer
        ? { render: (url: string) => withTimeout(renderer.render(url), o.timeoutMs * 2).then((r) => r.html) }
        : {}),
      ...(o.maxRenders !== undefined ? { maxRenders: o.maxRenders } : {}),
      renderConcurrency: RENDER_TABS,
      delayMs: o.delayMs ?? DEFAULTS.delayMs,
      concurrency: o.concurrency ?? DEFAULTS.concurrency,
      extract: (html, url) => pool.extract(html, url),
      limits,
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
    if (o.chromiumPath !== false && !chromium)
      report.notes.push(`Chromium not found at ${o.chromiumPath}: pages were not rendered`);
    const weak =
      report.llmsTxt.level === undefined ||
      report.llmsTxt.level < WEAK_LEVEL ||
      report.findings.some((f) => f.code === "llms-txt-coverage");
    if (weak) {
      const suggested = suggestLlmsTxt(pages, input.url);
      if (suggested) report.suggestedLlmsTxt = suggested;
    }
    return report;
  } finally {
    await Promise.all([renderer?.close(), pool.close()]);
  }
}

/**
 * An llms.txt for the sampled pages, from the publisher (sections by path, reading order, one-line
 * notes), with links to the HTML pages rather than to `.md` twins the site does not serve.
 */
function suggestLlmsTxt(facts: PageFacts[], startUrl: string): string | undefined {
  const site = siteIdFor(startUrl);
  const pages: Page[] = facts
    .filter((p) => p.status === 200 && p.markdown)
    .map((p) => ({
      url: p.finalUrl,
      finalUrl: p.finalUrl,
      site,
      title: p.title,
      description: p.description,
      lang: p.lang,
      markdown: p.markdown,
      links: p.links,
      headings: [],
      contentHash: createHash("sha256").update(p.markdown).digest("hex"),
      fetchedVia: "http",
      tokens: { html: p.htmlTokens, markdown: p.markdownTokens },
      removed: [],
      fetchedAt: new Date().toISOString(),
    }));
  if (!pages.length) return undefined;
  const pub = buildPublication(pages, { site, startUrl });
  const doc = pub.llmsTxt;
  const sections = doc.sections.map((s) => ({
    ...s,
    links: s.links.map((l) => {
      const u = new URL(l.url);
      u.pathname = pagePathOfTwin(u.pathname);
      return { ...l, url: u.href };
    }),
  }));
  const { info: _twinsNote, ...rest } = doc;
  return formatLlmsTxt({ ...rest, sections });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A render that hangs (a browser that never starts) must not hang the audit: it fails the page. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`render timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
