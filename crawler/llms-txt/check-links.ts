import type { LlmsTxt, LlmsTxtFinding } from "../../schemas/llms-txt.js";
import { countTokens } from "../../schemas/tokens.js";
import { describeGet } from "../fetch/safe-get.js";
import { type FetchTextOptions, fetchText } from "./fetch-text.js";
import { isHtmlResponse, isMarkdownResponse } from "./markdown-response.js";
import { mdTwinUrl } from "./md-twin.js";

/** What the link check found, summed, plus a finding per problem link. */
export interface LinkCheckResult {
  checked: number;
  markdown: number;
  html: number;
  dead: number;
  contextTokens: { core: number; withOptional: number };
  findings: LlmsTxtFinding[];
}

/**
 * Fetches every linked document (a few at a time): a dead link is an error; an HTML link whose
 * `.md` twin exists is a warning (agents should be sent to the twin). Relative links resolve
 * against `baseUrl`. Also sums the tokens of the linked documents, as an llms-ctx file would hold them.
 *
 * @example const result = await checkLinks(parsed.llmsTxt, { baseUrl, fetch: { timeoutMs: 10_000, maxBytes: 5e6, userAgent } });
 */
export async function checkLinks(
  doc: LlmsTxt,
  options: { baseUrl?: string; concurrency?: number; fetch: FetchTextOptions },
): Promise<LinkCheckResult> {
  const result: LinkCheckResult = {
    checked: 0,
    markdown: 0,
    html: 0,
    dead: 0,
    contextTokens: { core: 0, withOptional: 0 },
    findings: [],
  };
  const jobs = doc.sections.flatMap((s) => s.links.map((link) => ({ link, optional: s.optional })));
  const seen = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { link, optional } = jobs[next++]!;
      const line = link.line ? { line: link.line } : {};
      let url: string;
      try {
        url = new URL(link.url, options.baseUrl).href;
      } catch {
        continue; // already an invalid-url or relative-url finding from the parser
      }
      if (!/^https?:/.test(url) || seen.has(url)) continue;
      seen.add(url);
      result.checked++;
      const res = await fetchText(url, options.fetch);
      if (!res.ok || res.status >= 400) {
        result.dead++;
        const why = describeGet(res);
        result.findings.push({
          code: "dead-link",
          severity: "error",
          ...line,
          message: `dead link ${url} (${why})`,
        });
        continue;
      }
      let tokens = 0;
      if (isMarkdownResponse(res)) {
        result.markdown++;
        tokens = countTokens(res.text);
      } else if (isHtmlResponse(res)) {
        result.html++;
        const twinUrl = mdTwinUrl(res.finalUrl);
        const twin = twinUrl === res.finalUrl ? undefined : await fetchText(twinUrl, options.fetch);
        if (twin?.ok && isMarkdownResponse(twin)) {
          tokens = countTokens(twin.text);
          const message = `links to HTML (${url}) while its markdown twin exists: ${twinUrl}`;
          result.findings.push({ code: "html-link-with-md-twin", severity: "warning", ...line, message });
        } else {
          tokens = countTokens(res.text);
          result.findings.push({
            code: "html-link",
            severity: "info",
            ...line,
            message: `links to an HTML page with no .md twin: ${url}`,
          });
        }
      } else {
        result.findings.push({
          code: "non-markdown-link",
          severity: "info",
          ...line,
          message: `links to ${res.media?.type || "an untyped document"}: ${url}`,
        });
      }
      result.contextTokens.withOptional += tokens;
      if (!optional) result.contextTokens.core += tokens;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  result.findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return result;
}
