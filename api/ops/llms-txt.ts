import { readFile } from "node:fs/promises";
import type { EgressGuard } from "../../crawler/fetch/egress-guard.js";
import { type ExpandedDoc, expandLlmsTxt } from "../../crawler/llms-txt/expand.js";
import { type FetchTextOptions, fetchText } from "../../crawler/llms-txt/fetch-text.js";
import { parseLlmsTxt } from "../../crawler/llms-txt/parse.js";
import { validateLlmsTxt } from "../../crawler/llms-txt/validate.js";
import { AgentwebError } from "../../schemas/errors.js";
import type { LlmsTxtReport } from "../../schemas/llms-txt.js";

/** How llms.txt operations fetch (through the crawler's httpFetch): limits, identity and, for HTTP/MCP callers, the egress guard. */
export interface LlmsTxtFetchOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  guard?: EgressGuard;
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

function toFetchOptions(options: LlmsTxtFetchOptions): FetchTextOptions {
  return {
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
    userAgent: options.userAgent,
    ...(options.guard ? { guard: options.guard } : {}),
  };
}

async function readSource(source: string, fetchOptions: FetchTextOptions): Promise<Source> {
  if (/^https?:\/\//i.test(source)) {
    const res = await fetchText(source, {
      ...fetchOptions,
      accept: "text/plain, text/markdown;q=0.9, */*;q=0.5",
    });
    if (res.status === 0)
      throw new AgentwebError("UNREACHABLE", `cannot reach ${source}: ${res.error}`, {
        data: { url: source },
      });
    if (res.status >= 400)
      throw new AgentwebError("HTTP_ERROR", `${source} answered HTTP ${res.status}`, {
        data: { url: source },
      });
    return { bytes: res.bytes, fileUrl: res.finalUrl };
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
