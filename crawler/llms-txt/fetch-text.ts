/**
 * How the llms.txt validator, link check, sitemap coverage and expander read the web: the one
 * never-throwing GET (crawler/fetch/safe-get.ts) with the caller's limits, pinned to the egress
 * guard when one is given, or a caller's own never-throwing getter (the audit's, which also stays
 * on the audited origin and paces its requests).
 */
import type { EgressGuard } from "../fetch/egress-guard.js";
import { createSafeGet, type GetResult, type SafeGet } from "../fetch/safe-get.js";

export interface FetchTextOptions {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  accept?: string;
  /** Set for callers started over HTTP or MCP: every hop is resolved and vetted, the socket pinned. */
  guard?: EgressGuard;
  /** Replaces the built-in GET (the limits and guard above are then the getter's own). */
  get?: SafeGet;
}

/** How llms.txt and its links are asked for: as an agent would, markdown first. */
const ACCEPT = "text/markdown, text/plain;q=0.9, */*;q=0.5";

/**
 * GETs a document as an agent would (markdown first); never throws.
 *
 * @example
 * const res = await fetchText("https://x.dev/llms.txt", { timeoutMs: 10_000, maxBytes: 5e6, userAgent: "agentweb" });
 * if (res.ok && res.status === 200) console.log(res.text);
 */
export function fetchText(url: string, options: FetchTextOptions): Promise<GetResult> {
  return textGetter(options)(url, { accept: options.accept ?? ACCEPT });
}

/**
 * The getter the options stand for (the caller's own, else the safe GET with their limits and
 * guard), sending the user agent; never throws.
 *
 * @example const res = await textGetter(fetchOptions)("https://x.dev/sitemap.xml", { accept: "application/xml" });
 */
export function textGetter(options: FetchTextOptions): SafeGet {
  const get =
    options.get ??
    createSafeGet({
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes,
      ...(options.guard ? { guard: options.guard } : {}),
    });
  return (url, headers) => get(url, { "user-agent": options.userAgent, ...headers });
}
