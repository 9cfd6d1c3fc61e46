/**
 * The one GET that never throws, for readers to whom "unreachable" is an answer, not a crash: the
 * sitemap reader, the llms.txt validator, link check and expander, and the audit. It runs httpFetch
 * (timeouts, decoded-body cap, every redirect hop checked, the egress guard's pinned lookup) or a
 * caller's own throwing GET (the crawl's Fetcher, with politeness and retries), and returns either a
 * response of any status, its body decoded by the one decoder, or a failure with its error code.
 */
import { type EventLoopUtilization, performance } from "node:perf_hooks";
import { type ErrorCode, isAgentwebError } from "../../schemas/errors.js";
import { decodeText } from "./decode-text.js";
import type { EgressGuard } from "./egress-guard.js";
import { type HttpResponse, httpFetch } from "./http-fetch.js";
import { bodyKind, type MediaType, parseMediaType } from "./media-type.js";

/** A response came back (any status, redirects followed). */
export interface GetOk {
  ok: true;
  url: string;
  finalUrl: string;
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The decompressed body. */
  body: Uint8Array;
  /** The parsed Content-Type; undefined when absent or malformed. */
  media: MediaType | undefined;
  /** The body decoded by its charset (BOM, header, `<meta>` for HTML, then UTF-8 or windows-1252). */
  readonly text: string;
  /**
   * Time to the full response, in milliseconds, less the time this thread was busy meanwhile (a
   * response that arrived while a page was being extracted is not the site's slowness).
   */
  ms: number;
}

/** No response: what went wrong, as an error code and a short message. */
export interface GetFailure {
  ok: false;
  url: string;
  /** TIMEOUT, FETCH_FAILED (refused, reset, DNS…), BODY_TOO_LARGE, HTTP_ERROR (redirect loop), EGRESS_BLOCKED, RATE_LIMITED, OUT_OF_SCOPE… */
  code: ErrorCode;
  /** The error's message, e.g. "ECONNREFUSED" or "decoded body exceeds the 1000-byte limit". */
  error: string;
  ms: number;
}

export type GetResult = GetOk | GetFailure;

/** A GET that never throws; `headers` are added to the getter's own. */
export type SafeGet = (url: string, headers?: Record<string, string>) => Promise<GetResult>;

export interface SafeGetOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** Default Accept header (a request's own headers override it). */
  accept?: string;
  /** Set for callers started over HTTP or MCP: every hop is resolved and vetted, the socket pinned. */
  guard?: EgressGuard;
}

/**
 * A never-throwing GET on httpFetch with these limits and this guard.
 *
 * @example
 * const get = createSafeGet({ userAgent: "agentweb", timeoutMs: 10_000, maxBytes: 5e6 });
 * const res = await get("https://x.dev/llms.txt", { accept: "text/markdown" });
 * if (res.ok && res.status === 200) console.log(res.text); else console.log(describeGet(res));
 */
export function createSafeGet(o: SafeGetOptions): SafeGet {
  return (url, headers = {}) =>
    settleGet(url, () =>
      httpFetch(url, {
        headers: { "user-agent": o.userAgent, ...(o.accept ? { accept: o.accept } : {}), ...headers },
        totalTimeoutMs: o.timeoutMs,
        headersTimeoutMs: o.timeoutMs,
        connectTimeoutMs: Math.min(10_000, o.timeoutMs),
        maxBodyBytes: o.maxBytes,
        ...(o.guard
          ? { checkHop: (u: URL) => o.guard!.check(u).then(() => {}), lookup: o.guard.lookup }
          : {}),
      }),
    );
}

/**
 * Runs a GET that may throw and returns its outcome as a {@link GetResult}: how a caller's own
 * client (the crawl's Fetcher) becomes a never-throwing getter.
 *
 * @example const res = await settleGet(url, () => fetcher.get(url, { retries: 1 }));
 */
export async function settleGet(url: string, run: () => Promise<HttpResponse>): Promise<GetResult> {
  const started = performance.now();
  const loop = performance.eventLoopUtilization();
  try {
    const res = await run();
    return getOk({ ...res, ms: siteMs(started, loop) });
  } catch (err) {
    return getFailure(url, err, siteMs(started, loop));
  }
}

/**
 * A successful result from a response's parts; the text is decoded on first read.
 *
 * @example getOk({ url, finalUrl: url, status: 200, headers: { "content-type": "text/plain" }, body: Buffer.from("hi"), ms: 1 }).text // "hi"
 */
export function getOk(res: {
  url: string;
  finalUrl?: string;
  status: number;
  headers?: Record<string, string>;
  body: Uint8Array;
  ms?: number;
}): GetOk {
  const headers = res.headers ?? {};
  const media = parseMediaType(headers["content-type"]);
  let text: string | undefined;
  return {
    ok: true,
    url: res.url,
    finalUrl: res.finalUrl || res.url,
    status: res.status,
    headers,
    body: res.body,
    media,
    get text() {
      text ??= decodeText(res.body, media?.params.charset, bodyKind(media, res.body) === "html");
      return text;
    },
    ms: res.ms ?? 0,
  };
}

/**
 * A failure from whatever a GET threw (an AgentwebError keeps its code; anything else is FETCH_FAILED).
 *
 * @example getFailure(url, new AgentwebError("TIMEOUT", "timed out after 10000 ms")) // { ok: false, code: "TIMEOUT", … }
 */
export function getFailure(url: string, err: unknown, ms = 0): GetFailure {
  if (isAgentwebError(err)) return { ok: false, url, code: err.code, error: err.message, ms };
  return { ok: false, url, code: "FETCH_FAILED", error: String((err as Error)?.message ?? err), ms };
}

/**
 * A result in a few words, as findings and problems print it: "HTTP 404" or "TIMEOUT: …".
 *
 * @example describeGet(await get(url)) // "FETCH_FAILED: ECONNREFUSED"
 */
export function describeGet(res: GetResult): string {
  return res.ok ? `HTTP ${res.status}` : `${res.code}: ${res.error}`;
}

/**
 * The status of a result, 0 when no response came back.
 *
 * @example statusOf(await get(url)) === 200
 */
export function statusOf(res: GetResult): number {
  return res.ok ? res.status : 0;
}

/** Elapsed time less the event loop's active time over the same span. */
function siteMs(started: number, loop: EventLoopUtilization): number {
  const elapsed = performance.now() - started;
  return Math.round(Math.max(0, elapsed - performance.eventLoopUtilization(loop).active));
}
