/**
 * How the llms.txt validator, link check, sitemap coverage and expander read the web: through the
 * crawler's httpFetch (connect/header/total timeouts, decoded-body cap, every redirect hop checked),
 * pinned to the egress guard when one is given, or through a caller's own getter built on it (the
 * audit's, which also stays on the audited origin). Never throws: no response is status 0 and `error`.
 */
import { isAgentwebError } from "../../schemas/errors.js";
import { decodeText } from "../fetch/decode-text.js";
import type { EgressGuard } from "../fetch/egress-guard.js";
import { httpFetch } from "../fetch/http-fetch.js";
import { parseMediaType } from "../fetch/media-type.js";

/** A response as a caller's getter returns it: status 0 and `error` when none came back. */
export interface GotResponse {
  url: string;
  finalUrl: string;
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Uint8Array;
  error?: string;
}

/** A GET built on httpFetch that never throws, e.g. the audit's `AuditFetch`. */
export type TextGet = (url: string, headers: Record<string, string>) => Promise<GotResponse>;

export interface FetchTextOptions {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  accept?: string;
  /** Set for callers started over HTTP or MCP: every hop is resolved and vetted, the socket pinned. */
  guard?: EgressGuard;
  /** Replaces the built-in httpFetch call (the limits and guard above are then the getter's own). */
  get?: TextGet;
}

/** A fetched text resource; `error` is set (and status 0) when no response came back. */
export interface FetchedText {
  url: string;
  finalUrl: string;
  status: number;
  /** The media type, lower-case, without parameters ("" when absent). */
  mediaType: string;
  /** The body decoded by its charset (BOM, header, `<meta>` for HTML, else UTF-8). */
  body: string;
  /** The raw (decompressed) body, for callers that must tell binary from text. */
  bytes: Uint8Array;
  error?: string;
}

/**
 * GETs a URL through the crawler's fetcher; never throws (network errors come back in `error`).
 *
 * @example const res = await fetchText("https://x.dev/llms.txt", { timeoutMs: 10_000, maxBytes: 5e6, userAgent: "agentweb" });
 */
export async function fetchText(url: string, options: FetchTextOptions): Promise<FetchedText> {
  const accept = options.accept ?? "text/markdown, text/plain;q=0.9, */*;q=0.5";
  const res = await textGetter(options)(url, { accept });
  if (res.status === 0) {
    const error = res.error ?? "fetch failed";
    return { url, finalUrl: url, status: 0, mediaType: "", body: "", bytes: new Uint8Array(), error };
  }
  const contentType = res.headers["content-type"];
  const mediaType = mediaTypeOf(contentType ?? null);
  const isHtml = mediaType === "text/html" || mediaType === "application/xhtml+xml";
  return {
    url,
    finalUrl: res.finalUrl || url,
    status: res.status,
    mediaType,
    body: decodeText(res.body, parseMediaType(contentType)?.params.charset, isHtml),
    bytes: res.body,
  };
}

/**
 * The getter the options stand for (the caller's own, else httpFetch with their limits and guard),
 * sending the user agent; never throws.
 *
 * @example const res = await textGetter(fetchOptions)("https://x.dev/sitemap.xml", { accept: "application/xml" });
 */
export function textGetter(options: FetchTextOptions): TextGet {
  const get = options.get ?? ((u: string, h: Record<string, string>) => viaHttpFetch(u, h, options));
  return (url, headers) => get(url, { "user-agent": options.userAgent, ...headers });
}

/**
 * The media type of a Content-Type header, parsed rather than substring-matched.
 *
 * @example mediaTypeOf("Text/Markdown; charset=utf-8") // "text/markdown"
 */
export function mediaTypeOf(header: string | null): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

async function viaHttpFetch(
  url: string,
  headers: Record<string, string>,
  o: FetchTextOptions,
): Promise<GotResponse> {
  try {
    return await httpFetch(url, {
      headers,
      totalTimeoutMs: o.timeoutMs,
      headersTimeoutMs: o.timeoutMs,
      connectTimeoutMs: Math.min(10_000, o.timeoutMs),
      maxBodyBytes: o.maxBytes,
      ...(o.guard ? { checkHop: (u: URL) => o.guard!.check(u).then(() => {}), lookup: o.guard.lookup } : {}),
    });
  } catch (err) {
    return { url, finalUrl: url, status: 0, headers: {}, body: new Uint8Array(), error: errorText(err) };
  }
}

/** Short reasons, as dead-link findings print them: "timed out", an errno, or the error's message. */
function errorText(err: unknown): string {
  if (!isAgentwebError(err)) return String((err as Error)?.message ?? err);
  if (err.code === "TIMEOUT") return "timed out";
  if (err.code === "FETCH_FAILED" && err.data?.errno) return String(err.data.errno);
  return err.message;
}
