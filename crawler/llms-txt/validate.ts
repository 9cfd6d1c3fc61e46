import type { LlmsTxtFinding, LlmsTxtReport } from "../../schemas/llms-txt.js";
import { discoverSitemaps, readSitemaps } from "../frontier/sitemaps.js";
import { checkLinks } from "./check-links.js";
import { conformanceLevel } from "./conformance.js";
import { findDuplicates } from "./duplicates.js";
import { type FetchTextOptions, textGetter } from "./fetch-text.js";
import { fileTokens } from "./file-tokens.js";
import { pageKey } from "./page-key.js";
import { parseLlmsTxt } from "./parse.js";

export interface ValidateOptions {
  /** Where the file came from (a path or URL), printed in the report. */
  source: string;
  /** The file's own URL: relative links resolve against it, and its site's sitemap is found from it. */
  fileUrl?: string;
  /** Fetch every link: dead links, HTML links with a `.md` twin, and level 4. */
  checkLinks?: boolean;
  /** Sitemap to measure coverage against; for a URL input, the site's own is found when omitted. */
  sitemapUrl?: string;
  fetch: FetchTextOptions;
}

/** How many missing sitemap URLs a report lists. */
const MISSING_SHOWN = 20;
/** Sitemap files read (indexes included) to measure coverage. */
const MAX_SITEMAPS = 50;

/**
 * Validates an llms.txt file: parse findings, conformance level, tokens core/with Optional,
 * duplicate links, and — on request — link checks and sitemap coverage. Never throws on content.
 *
 * @example
 * const report = await validateLlmsTxt(bytes, { source: "llms.txt", checkLinks: false, fetch: fetchOptions });
 * report.level // 3
 */
export async function validateLlmsTxt(
  input: string | Uint8Array,
  options: ValidateOptions,
): Promise<LlmsTxtReport> {
  const parsed = parseLlmsTxt(input);
  const doc = parsed.llmsTxt;
  const text = typeof input === "string" ? input : new TextDecoder().decode(input);
  const findings: LlmsTxtFinding[] = [...parsed.findings, ...findDuplicates(doc)];
  const links = doc.sections.reduce((n, s) => n + s.links.length, 0);
  const report: LlmsTxtReport = {
    source: options.source,
    level: 0,
    tokens: parsed.findings.some((f) => f.code === "binary")
      ? { core: 0, withOptional: 0 }
      : fileTokens(text, doc),
    sections: doc.sections.length,
    links,
    counts: { error: 0, warning: 0, info: 0 },
    findings,
    llmsTxt: doc,
  };
  let resolves: boolean | undefined;
  if (options.checkLinks && links > 0) {
    const checked = await checkLinks(doc, {
      ...(options.fileUrl ? { baseUrl: options.fileUrl } : {}),
      fetch: options.fetch,
    });
    findings.push(...checked.findings);
    const { findings: _, ...summary } = checked;
    report.linkCheck = summary;
    resolves = checked.dead === 0 && checked.html === 0 && checked.markdown === checked.checked;
  }
  const get = textGetter(options.fetch);
  // The first sitemap robots.txt names (else /sitemap.xml) is the one coverage is measured against.
  const sitemapUrl =
    options.sitemapUrl ?? (options.fileUrl ? (await discoverSitemaps(options.fileUrl, get))[0] : undefined);
  if (sitemapUrl && links > 0) {
    const read = await readSitemaps([sitemapUrl], { get, maxFiles: MAX_SITEMAPS });
    for (const p of read.problems)
      findings.push({
        code: "sitemap-unreadable",
        severity: "info",
        message: `sitemap ${p.url}: ${p.detail}`,
      });
    const urls = read.entries.map((e) => e.url);
    if (urls.length) {
      const listed = new Set(
        doc.sections.flatMap((s) => s.links.map((l) => pageKey(resolve(l.url, options.fileUrl)))),
      );
      const missing = urls.filter((u) => !listed.has(pageKey(u)));
      const covered = urls.length - missing.length;
      report.sitemap = {
        url: sitemapUrl,
        urls: urls.length,
        covered,
        missing: missing.slice(0, MISSING_SHOWN),
      };
      const share = Math.round((covered / urls.length) * 100);
      findings.push({
        code: "sitemap-coverage",
        severity: "info",
        message: `lists ${covered} of the ${urls.length} sitemap URLs (${share}%)`,
      });
    }
  }
  report.level = conformanceLevel(
    doc,
    findings.filter((f) => f.code !== "dead-link"),
    resolves,
  );
  findings.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
  for (const f of findings) report.counts[f.severity]++;
  return report;
}

function resolve(url: string, base: string | undefined): string {
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}
