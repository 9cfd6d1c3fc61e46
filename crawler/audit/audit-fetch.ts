/**
 * The one way the audit reads a site: GETs through the crawler's httpFetch (timeouts, decoded-body
 * cap, every redirect hop checked), pinned to the egress guard when the audit was started over HTTP
 * or MCP. Never throws: a network failure is a response with status 0 and `error`, because for an
 * audit "unreachable" is a finding, not a crash.
 */
import { type EventLoopUtilization, performance } from "node:perf_hooks";
import { isAgentwebError } from "../../schemas/errors.js";
import type { EgressGuard } from "../fetch/egress-guard.js";
import { httpFetch } from "../fetch/http-fetch.js";

export interface AuditResponse {
  url: string;
  finalUrl: string;
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
  /**
   * Time to the full response, in milliseconds, less the time this thread was busy meanwhile (a
   * response that arrived while a page was being extracted is not the site's slowness).
   */
  ms: number;
  error?: string;
}

export interface AuditFetchOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** Set for audits started over HTTP or MCP: every hop is resolved and vetted, the socket pinned. */
  guard?: EgressGuard;
  /**
   * The audited origin: URLs elsewhere are not requested (an audit of one site does not crawl
   * others); they come back with status 0 and an OFF_ORIGIN error.
   */
  origin?: string;
}

/** The error of a response the audit did not request because the URL is on another origin. */
export const OFF_ORIGIN = "OFF_ORIGIN";

export type AuditFetch = (url: string, headers?: Record<string, string>) => Promise<AuditResponse>;

/**
 * @example
 * const get = createAuditFetch({ userAgent: "agentweb/0.1", timeoutMs: 15_000, maxBytes: 5e6 });
 * const res = await get("http://127.0.0.1:8080/robots.txt"); // res.status, res.body
 */
export function createAuditFetch(o: AuditFetchOptions): AuditFetch {
  return async (url, headers = {}) => {
    const started = performance.now();
    const loop = performance.eventLoopUtilization();
    if (o.origin && originOf(url) !== o.origin) {
      return {
        url,
        finalUrl: url,
        status: 0,
        headers: {},
        body: Buffer.alloc(0),
        ms: 0,
        error: `${OFF_ORIGIN}: not fetched (outside ${o.origin})`,
      };
    }
    try {
      const res = await httpFetch(url, {
        headers: { "user-agent": o.userAgent, accept: "text/html,*/*;q=0.8", ...headers },
        totalTimeoutMs: o.timeoutMs,
        headersTimeoutMs: o.timeoutMs,
        maxBodyBytes: o.maxBytes,
        ...(o.guard
          ? { checkHop: (u: URL) => o.guard!.check(u).then(() => {}), lookup: o.guard.lookup }
          : {}),
      });
      return { ...res, ms: siteMs(started, loop) };
    } catch (err) {
      const error = isAgentwebError(err)
        ? `${err.code}: ${err.message}`
        : String((err as Error)?.message ?? err);
      return { url, finalUrl: url, status: 0, headers: {}, body: Buffer.alloc(0), ms: 0, error };
    }
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "";
  }
}

/**
 * Elapsed time less the event loop's active time over the same span: the thread runs checks side
 * by side, and while it extracts one page the responses of others wait to be read.
 */
function siteMs(started: number, loop: EventLoopUtilization): number {
  const elapsed = performance.now() - started;
  return Math.round(Math.max(0, elapsed - performance.eventLoopUtilization(loop).active));
}
