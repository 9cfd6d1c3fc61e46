/**
 * The one way the audit reads a site: the never-throwing GET (crawler/fetch/safe-get.ts), pinned to
 * the egress guard when the audit was started over HTTP or MCP, and kept on the audited origin.
 * For an audit "unreachable" is a finding, not a crash.
 */
import { AgentwebError } from "../../schemas/errors.js";
import type { EgressGuard } from "../fetch/egress-guard.js";
import { createSafeGet, getFailure, type SafeGet } from "../fetch/safe-get.js";

export interface AuditFetchOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** Set for audits started over HTTP or MCP: every hop is resolved and vetted, the socket pinned. */
  guard?: EgressGuard;
  /**
   * The audited origin: URLs elsewhere are not requested (an audit of one site does not crawl
   * others); they come back as an OUT_OF_SCOPE failure.
   */
  origin?: string;
}

/**
 * @example
 * const get = createAuditFetch({ userAgent: "agentweb/0.1", timeoutMs: 15_000, maxBytes: 5e6 });
 * const res = await get("http://127.0.0.1:8080/robots.txt"); // res.ok && res.status, res.text
 */
export function createAuditFetch(o: AuditFetchOptions): SafeGet {
  const get = createSafeGet({ ...o, accept: "text/html,*/*;q=0.8" });
  return async (url, headers) => {
    if (o.origin && originOf(url) !== o.origin)
      return getFailure(url, new AgentwebError("OUT_OF_SCOPE", `not fetched (outside ${o.origin})`));
    return get(url, headers);
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "";
  }
}
