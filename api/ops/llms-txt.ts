import { readFile } from "node:fs/promises";
import { createEgressGuard, type EgressGuard, type EgressPolicy } from "../../crawler/fetch/egress-guard.js";
import { levelName } from "../../crawler/llms-txt/conformance.js";
import { type ExpandedDoc, expandLlmsTxt } from "../../crawler/llms-txt/expand.js";
import { type FetchTextOptions, fetchText } from "../../crawler/llms-txt/fetch-text.js";
import { parseLlmsTxt } from "../../crawler/llms-txt/parse.js";
import { validateLlmsTxt } from "../../crawler/llms-txt/validate.js";
import type { Config } from "../../schemas/config.js";
import { AgentwebError } from "../../schemas/errors.js";
import type { LlmsTxtExpandRequest, LlmsTxtExpansion, LlmsTxtReport } from "../../schemas/llms-txt.js";
import { countTokens, truncateToTokens } from "../../schemas/tokens.js";
import { callerFetchLimits } from "./url-guard.js";

/** How llms.txt operations fetch (through the crawler's httpFetch): limits, identity and, for HTTP/MCP callers, the egress guard. */
export interface LlmsTxtFetchOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  guard?: EgressGuard;
}

/**
 * The fetch options for an llms.txt read that an HTTP or MCP caller asked for: the configured
 * limits and the egress guard, which then also refuses file paths and checks the URL up front.
 *
 * @example const report = await validateLlmsTxtSource({ source: url }, callerLlmsTxtFetch(config, egress));
 */
export function callerLlmsTxtFetch(
  config: Pick<Config, "userAgent" | "requestTimeoutMs" | "maxBodyBytes">,
  egress: EgressPolicy,
): LlmsTxtFetchOptions {
  return { ...callerFetchLimits(config), guard: createEgressGuard(egress) };
}

/** An llms.txt read from a file or a URL. */
interface Source {
  bytes: Uint8Array;
  fileUrl?: string;
}

/**
 * Validates an llms.txt from a path or an http(s) URL. A file that cannot be read or a URL that
 * does not answer 2xx is an error (the caller exits 2); anything in the content is a finding.
 *
 * @example const report = await validateLlmsTxtSource({ source: "https://x.dev/llms.txt", checkLinks: true }, fetchOptions);
 */
export async function validateLlmsTxtSource(
  input: { source: string; checkLinks?: boolean; sitemapUrl?: string | undefined },
  options: LlmsTxtFetchOptions,
): Promise<LlmsTxtReport> {
  const fetchOptions = toFetchOptions(options);
  const source = await readSource(input.source, fetchOptions);
  return validateLlmsTxt(source.bytes, {
    source: input.source,
    ...(source.fileUrl ? { fileUrl: source.fileUrl } : {}),
    checkLinks: input.checkLinks ?? false,
    ...(input.sitemapUrl ? { sitemapUrl: input.sitemapUrl } : {}),
    fetch: fetchOptions,
  });
}

/**
 * Expands an llms.txt into its context file (llms-ctx.txt, or llms-ctx-full.txt with `optional`).
 *
 * @example const { text } = await expandLlmsTxtSource({ source: "https://x.dev/llms.txt", optional: false }, fetchOptions);
 */
export async function expandLlmsTxtSource(
  input: { source: string; optional: boolean },
  options: LlmsTxtFetchOptions,
): Promise<{ text: string; docs: ExpandedDoc[] }> {
  const fetchOptions = toFetchOptions(options);
  const source = await readSource(input.source, fetchOptions);
  const parsed = parseLlmsTxt(source.bytes);
  if (!parsed.llmsTxt.title) {
    const why = parsed.findings.find((f) => f.severity === "error")?.message ?? "no H1 title";
    throw new AgentwebError("INVALID_INPUT", `${input.source} is not an llms.txt file: ${why}`);
  }
  return expandLlmsTxt(parsed.llmsTxt, {
    ...(source.fileUrl ? { fileUrl: source.fileUrl } : {}),
    optional: input.optional,
    fetch: fetchOptions,
  });
}

/**
 * Expands an llms.txt for an API or MCP caller: the context text, cut at `maxTokens` when given,
 * with its token count and how each linked document was obtained.
 *
 * @example const { text, truncated } = await expandLlmsTxtForCaller({ url, optional: false, maxTokens: 8000 }, fetchOptions);
 */
export async function expandLlmsTxtForCaller(
  input: LlmsTxtExpandRequest,
  options: LlmsTxtFetchOptions,
): Promise<LlmsTxtExpansion> {
  const { text: full, docs } = await expandLlmsTxtSource(
    { source: input.url, optional: input.optional },
    options,
  );
  const text = input.maxTokens === undefined ? full : truncateToTokens(full, input.maxTokens);
  return { source: input.url, text, tokens: countTokens(text), truncated: text.length < full.length, docs };
}

/**
 * A validation report as people (and models) read it; `checkLinksHint` names how to ask for the
 * link check where the report could reach level 4 with it.
 *
 * @example formatLlmsTxtReport(report, "--check-links") // "https://x.dev/llms.txt\nlevel 3 of 4: …"
 */
export function formatLlmsTxtReport(report: LlmsTxtReport, checkLinksHint: string): string {
  const lines = [
    `${report.source}`,
    `level ${report.level} of 4: ${levelName(report.level)}${report.level === 3 && !report.linkCheck ? ` (level 4 needs ${checkLinksHint})` : ""}`,
    `tokens: ${report.tokens.core} core, ${report.tokens.withOptional} with Optional; ${report.sections} sections, ${report.links} links`,
  ];
  if (report.linkCheck) {
    const c = report.linkCheck;
    lines.push(
      `links checked: ${c.checked} (${c.markdown} markdown, ${c.html} HTML, ${c.dead} dead); linked documents: ${c.contextTokens.core} tokens core, ${c.contextTokens.withOptional} with Optional`,
    );
  }
  if (report.sitemap) {
    const s = report.sitemap;
    lines.push(`sitemap ${s.url}: ${s.covered} of ${s.urls} URLs listed`);
    for (const m of s.missing.slice(0, 10)) lines.push(`  not listed: ${m}`);
  }
  const { error, warning, info } = report.counts;
  lines.push(`findings: ${error} errors, ${warning} warnings, ${info} info`);
  for (const f of report.findings)
    lines.push(`  ${f.line ? `line ${f.line}` : "file"}: ${f.severity} ${f.code}: ${f.message}`);
  return lines.join("\n");
}

function toFetchOptions(options: LlmsTxtFetchOptions): FetchTextOptions {
  return {
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
    userAgent: options.userAgent,
    ...(options.guard ? { guard: options.guard } : {}),
  };
}

async function readSource(source: string, fetchOptions: FetchTextOptions): Promise<Source> {
  const isUrl = /^https?:\/\//i.test(source);
  // A guard means a remote caller: it may name web addresses the guard allows, never a local file.
  if (fetchOptions.guard) {
    if (!isUrl) throw new AgentwebError("INVALID_INPUT", "the llms.txt must be an absolute http(s) URL");
    await fetchOptions.guard.check(source);
  }
  if (isUrl) {
    const res = await fetchText(source, {
      ...fetchOptions,
      accept: "text/plain, text/markdown;q=0.9, */*;q=0.5",
    });
    if (!res.ok)
      throw new AgentwebError("UNREACHABLE", `cannot reach ${source}: ${res.error}`, {
        data: { url: source },
      });
    if (res.status >= 400)
      throw new AgentwebError("HTTP_ERROR", `${source} answered HTTP ${res.status}`, {
        data: { url: source },
      });
    return { bytes: res.body, fileUrl: res.finalUrl };
  }
  try {
    return { bytes: await readFile(source) };
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? "unreadable";
    throw new AgentwebError("INVALID_INPUT", `cannot read ${source} (${code})`, {
      cause,
      data: { path: source },
    });
  }
}
