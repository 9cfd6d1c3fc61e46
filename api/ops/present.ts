/**
 * How results read, for every adapter: the CLI prints these texts, HTTP sends them as bodies and
 * MCP hands them to the model beside the structured data. One rendering per result, so the three
 * cannot drift apart.
 */
import { renderAuditHtml } from "../../crawler/audit/report-html.js";
import { renderAuditMarkdown } from "../../crawler/audit/report-markdown.js";
import { markdownToPlainText } from "../../crawler/markdown/plain-text.js";
import type { PageFormat, SiteInfo } from "../../schemas/api.js";
import type { AuditReport, AuditReportFormat } from "../../schemas/audit.js";
import type { ContextPack } from "../../schemas/context.js";
import type { Page } from "../../schemas/page.js";
import type { SearchHit } from "../../schemas/search.js";
import { truncateToTokens } from "../../schemas/tokens.js";

/** The one HTML escaper, for adapters that write HTML of their own (the API docs page). */
export { escapeHtml } from "../../crawler/escape-html.js";

const MARKDOWN = "text/markdown; charset=utf-8";
const PLAIN = "text/plain; charset=utf-8";
const JSON_TYPE = "application/json";

/** A page's links as the API returns them. */
export interface PageLinks {
  url: string;
  links: Page["links"];
}

/** A page in one format: the text to send, its media type, and the data behind it (json, links). */
export interface PageView {
  text: string;
  contentType: string;
  /** The structured form, for JSON bodies and MCP structured content (json and links formats). */
  data?: Page | PageLinks;
  /** True when `maxTokens` cut the text. */
  truncated: boolean;
}

/**
 * A page as markdown, plain text, its links (one `url<TAB>region<TAB>text` line each) or JSON;
 * markdown and text are cut at `maxTokens` when given.
 *
 * @example presentPage(page, { format: "text", maxTokens: 2000 }).text
 */
export function presentPage(page: Page, request: { format: PageFormat; maxTokens?: number }): PageView {
  if (request.format === "json") {
    return { text: JSON.stringify(page), contentType: JSON_TYPE, data: page, truncated: false };
  }
  if (request.format === "links") {
    const data = { url: page.url, links: page.links };
    const text = page.links.map((l) => `${l.url}\t${l.region}\t${l.text}`).join("\n");
    return { text, contentType: PLAIN, data, truncated: false };
  }
  const full = request.format === "text" ? markdownToPlainText(page.markdown) : page.markdown;
  const text = request.maxTokens ? truncateToTokens(full, request.maxTokens) : full;
  return {
    text,
    contentType: request.format === "text" ? PLAIN : MARKDOWN,
    truncated: text.length < full.length,
  };
}

/**
 * Search hits as numbered entries: heading path (or title), citation, snippet.
 *
 * @example hitsAsText(hits) // "1. Guides › Retries\n   https://…#backoff\n   Retries back off…"
 */
export function hitsAsText(hits: readonly SearchHit[]): string {
  if (hits.length === 0) return "No results.";
  return hits
    .map((h, i) => `${i + 1}. ${h.headingPath.join(" › ") || h.title}\n   ${h.citation}\n   ${h.snippet}`)
    .join("\n");
}

/** A context pack as the text to read: its markdown rendering, or a line saying nothing matched. */
export function contextAsText(pack: ContextPack & { markdown?: string }): string {
  return pack.parts.length && pack.markdown ? pack.markdown : "No passages matched.";
}

/**
 * The indexed sites, one entry each: counts, embedder, last crawl and start URL.
 *
 * @example sitesAsText(sites) // "- docs.example.com: 17 pages, 40 chunks, embedder static, …"
 */
export function sitesAsText(sites: readonly SiteInfo[]): string {
  if (sites.length === 0) return "No sites are indexed yet.";
  return sites
    .map((s) => {
      const last = s.lastCrawl
        ? `last crawl ${s.lastCrawl.finishedAt} (${s.lastCrawl.ok} ok, ${s.lastCrawl.failed} failed)`
        : "never finished a crawl";
      const start = s.startUrl ? `\n  ${s.startUrl}` : "";
      return `- ${s.site}: ${s.pages} pages, ${s.chunks} chunks, embedder ${s.embedder}, ${last}${start}`;
    })
    .join("\n");
}

/**
 * An audit report as JSON, markdown or one self-contained HTML file.
 *
 * @example presentAudit(report, "html").contentType // "text/html; charset=utf-8"
 */
export function presentAudit(
  report: AuditReport,
  format: AuditReportFormat,
): { text: string; contentType: string } {
  if (format === "html") return { text: renderAuditHtml(report), contentType: "text/html; charset=utf-8" };
  if (format === "md") return { text: renderAuditMarkdown(report), contentType: MARKDOWN };
  return { text: JSON.stringify(report), contentType: JSON_TYPE };
}

/**
 * Crawl speed, one definition everywhere: URLs the crawl finished with (stored, skipped or failed)
 * per second of elapsed time, to two decimals.
 *
 * @example pagesPerSecond(30, 12_000) // 2.5
 */
export function pagesPerSecond(finished: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.round((finished / (elapsedMs / 1000)) * 100) / 100 : 0;
}
