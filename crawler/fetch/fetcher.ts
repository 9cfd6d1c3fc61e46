/**
 * The crawl's HTTP client: httpFetch plus politeness (per-host pacing, Retry-After, backoff with
 * jitter), retries for transient failures only, the egress guard on every hop, and credentials sent
 * only to the crawl's own origin.
 */
import { AgentwebError, isAgentwebError } from "../../schemas/errors.js";
import type { ConnectionPool } from "./connection-pool.js";
import type { EgressGuard } from "./egress-guard.js";
import { type HttpResponse, httpFetch } from "./http-fetch.js";
import { backoffMs, type HostGate, isTransientStatus, retryAfterMs } from "./politeness.js";

export interface FetcherOptions {
  userAgent: string;
  gate: HostGate;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Extra attempts after the first for transient failures. */
  retries: number;
  /** Longest Retry-After honoured by waiting; longer ones end the request as RATE_LIMITED. */
  maxRetryAfterMs: number;
  guard?: EgressGuard;
  /** Headers (and a Cookie) for the crawl's own origin only: never leaked to another host on redirect. */
  privateHeaders?: Record<string, string>;
  privateOrigin?: string;
  backoffBaseMs?: number;
  signal?: AbortSignal;
  /** Keep-alive connections reused across requests; without it each request opens its own. */
  connections?: Pick<ConnectionPool, "http" | "https">;
}

/** Network errors that may heal on their own; a refused connection or an unknown host will not. */
const TRANSIENT_ERRNO = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNABORTED",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
]);

/**
 * Creates the fetcher. `get` returns the final response (any status); it throws only when no
 * response could be had (timeout, network, egress, body cap) or Retry-After asks for too long.
 *
 * @example
 * const f = createFetcher({ userAgent, gate: createHostGate({ delayMs: 250 }), timeoutMs: 30_000, maxBodyBytes: 1e7, retries: 2, maxRetryAfterMs: 60_000 });
 * const res = await f.get("https://docs.example.com/");
 */
export function createFetcher(o: FetcherOptions) {
  const base = {
    totalTimeoutMs: o.timeoutMs,
    headersTimeoutMs: o.timeoutMs,
    connectTimeoutMs: Math.min(10_000, o.timeoutMs),
    maxBodyBytes: o.maxBodyBytes,
    ...(o.guard
      ? { lookup: o.guard.lookup, checkHop: async (u: URL) => void (await o.guard!.check(u)) }
      : {}),
    headersFor: (u: URL) => (o.privateHeaders && u.origin === o.privateOrigin ? o.privateHeaders : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.connections ? { agents: o.connections } : {}),
  };

  async function get(
    url: string,
    extra: {
      headers?: Record<string, string>;
      maxBodyBytes?: number;
      retries?: number;
      /** A further check on every hop (e.g. robots.txt for redirect targets), after the egress guard. */
      checkHop?: (u: URL) => Promise<void>;
    } = {},
  ): Promise<HttpResponse & { attempts: number }> {
    const host = new URL(url).host;
    const retries = extra.retries ?? o.retries;
    for (let attempt = 0; ; attempt++) {
      await o.gate.acquire(host);
      let res: HttpResponse;
      try {
        res = await httpFetch(url, {
          ...base,
          ...(extra.maxBodyBytes ? { maxBodyBytes: extra.maxBodyBytes } : {}),
          ...(extra.checkHop
            ? {
                checkHop: async (u: URL) => {
                  await base.checkHop?.(u);
                  await extra.checkHop!(u);
                },
              }
            : {}),
          headers: { "user-agent": o.userAgent, ...extra.headers },
        });
      } catch (err) {
        if (attempt < retries && isTransientError(err)) {
          o.gate.pauseUntil(host, Date.now() + backoffMs(attempt, { baseMs: o.backoffBaseMs ?? 500 }));
          continue;
        }
        throw err;
      }
      if (!isTransientStatus(res.status)) return { ...res, attempts: attempt + 1 };
      const asked = retryAfterMs(res.headers["retry-after"]);
      if (asked !== undefined && asked > o.maxRetryAfterMs) {
        throw new AgentwebError(
          "RATE_LIMITED",
          `HTTP ${res.status}, Retry-After ${Math.round(asked / 1000)} s`,
          {
            data: { url, status: res.status, retryAfterMs: asked },
          },
        );
      }
      if (attempt >= retries) return { ...res, attempts: attempt + 1 };
      // Retry-After applies to the whole host: every worker waits, not only this request.
      const wait = asked ?? backoffMs(attempt, { baseMs: o.backoffBaseMs ?? 500 });
      o.gate.pauseUntil(host, Date.now() + wait);
    }
  }
  return { get };
}

export type Fetcher = ReturnType<typeof createFetcher>;

function isTransientError(err: unknown): boolean {
  if (!isAgentwebError(err)) return false;
  if (err.code === "TIMEOUT") return true;
  return err.code === "FETCH_FAILED" && TRANSIENT_ERRNO.has(String(err.data?.errno));
}
