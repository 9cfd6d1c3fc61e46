/**
 * One HTTP(S) GET with the limits a crawler needs and fetch() cannot give: a connect, header and total
 * timeout; a cap on the *decoded* body (a gzip/br/deflate bomb stops at the cap, it is never inflated
 * in full); manual redirects so every hop is checked (egress guard, loop detection); and a DNS lookup
 * hook so the socket connects to the address the egress guard vetted. Connections are kept alive
 * only through a caller's pool (see connection-pool.ts); without one each request has its own.
 */
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { AgentwebError } from "../../schemas/errors.js";

export interface HttpFetchOptions {
  headers?: Record<string, string>;
  connectTimeoutMs?: number;
  /** Until the status line and headers arrive. */
  headersTimeoutMs?: number;
  /** The whole exchange, redirects included. */
  totalTimeoutMs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  /** Called with each URL before it is requested (the first one and every redirect target). */
  checkHop?: (url: URL) => Promise<void> | void;
  /** Replaces DNS resolution, e.g. the egress guard's pinned lookup. */
  lookup?: LookupFunction;
  /** Extra headers for one hop only, e.g. credentials that must stay on the crawl's origin. */
  headersFor?: (url: URL) => Record<string, string>;
  signal?: AbortSignal;
  /** Keep-alive agents to send through, by scheme (a crawl's connection pool). */
  agents?: { http: http.Agent; https: https.Agent };
}

export interface HttpResponse {
  url: string;
  finalUrl: string;
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Decoded (decompressed) body; empty for a 304 or when not read. */
  body: Buffer;
  redirects: string[];
}

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 20_000,
  totalTimeoutMs: 30_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxRedirects: 10,
};

/**
 * GETs a URL, following redirects, and returns the decoded body. Throws AgentwebError with
 * TIMEOUT, FETCH_FAILED, BODY_TOO_LARGE, HTTP_ERROR (redirect loop or too many) or whatever
 * `checkHop` throws (EGRESS_BLOCKED). HTTP error statuses are returned, not thrown.
 *
 * @example
 * const res = await httpFetch("https://docs.example.com/", { maxBodyBytes: 5_000_000 });
 * if (res.status === 200) console.log(res.body.toString());
 */
export async function httpFetch(url: string, options: HttpFetchOptions = {}): Promise<HttpResponse> {
  const o = { ...DEFAULTS, ...options };
  const deadline = AbortSignal.timeout(o.totalTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const redirects: string[] = [];
  const visited = new Set<string>();
  let current = new URL(url);
  for (;;) {
    if (visited.has(current.href)) {
      throw new AgentwebError("HTTP_ERROR", `redirect loop at ${current.href}`, { data: { url, redirects } });
    }
    visited.add(current.href);
    await o.checkHop?.(current);
    const res = await requestOnce(current, o, signal);
    const location = res.headers.location;
    if (
      res.statusCode &&
      res.statusCode >= 300 &&
      res.statusCode < 400 &&
      res.statusCode !== 304 &&
      location
    ) {
      res.resume();
      if (redirects.length >= o.maxRedirects) {
        throw new AgentwebError("HTTP_ERROR", `more than ${o.maxRedirects} redirects`, {
          data: { url, redirects },
        });
      }
      current = new URL(location, current);
      redirects.push(current.href);
      continue;
    }
    if (res.statusCode === 304) res.resume();
    const body = res.statusCode === 304 ? Buffer.alloc(0) : await readBody(res, o.maxBodyBytes, signal);
    return {
      url,
      finalUrl: current.href,
      status: res.statusCode ?? 0,
      headers: flatHeaders(res),
      body,
      redirects,
    };
  }
}

function requestOnce(
  url: URL,
  o: typeof DEFAULTS & HttpFetchOptions,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return Promise.reject(
      new AgentwebError("FETCH_FAILED", `unsupported scheme ${url.protocol}`, { data: { url: url.href } }),
    );
  }
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.get(url, {
      headers: { "accept-encoding": "gzip, deflate, br", ...o.headers, ...o.headersFor?.(url) },
      signal,
      agent: (url.protocol === "https:" ? o.agents?.https : o.agents?.http) ?? false,
      ...(o.lookup ? { lookup: o.lookup } : {}),
    });
    let settled = false;
    let connected = false;
    const fail = (
      code: "TIMEOUT" | "FETCH_FAILED",
      message: string,
      cause?: unknown,
      unless?: () => boolean,
    ) => {
      // Timers run before I/O callbacks in an event-loop turn: after a long stall (a starved
      // process) the connect or response may already be waiting. Look once more before failing.
      setImmediate(() => {
        if (settled || unless?.()) return;
        settled = true;
        req.destroy();
        reject(new AgentwebError(code, message, { cause, data: { url: url.href } }));
      });
    };
    const connectTimer = setTimeout(
      () => fail("TIMEOUT", `connect timed out after ${o.connectTimeoutMs} ms`, undefined, () => connected),
      o.connectTimeoutMs,
    );
    const headersTimer = setTimeout(
      () => fail("TIMEOUT", `no response headers after ${o.headersTimeoutMs} ms`),
      o.headersTimeoutMs,
    );
    req.on("socket", (socket) => {
      if (!socket.connecting) {
        clearTimeout(connectTimer);
        connected = true;
      } else
        socket.once("connect", () => {
          clearTimeout(connectTimer);
          connected = true;
        });
    });
    req.on("response", (res) => {
      clearTimeout(connectTimer);
      clearTimeout(headersTimer);
      if (settled) return void res.resume();
      settled = true;
      resolve(res);
    });
    req.on("error", (err) => {
      clearTimeout(connectTimer);
      clearTimeout(headersTimer);
      if (settled) return;
      settled = true;
      if (err instanceof AgentwebError) return reject(err);
      const cause = err as NodeJS.ErrnoException;
      if (cause.name === "AbortError" || cause.name === "TimeoutError") {
        return reject(
          signal.reason?.name === "TimeoutError"
            ? new AgentwebError("TIMEOUT", `timed out after ${o.totalTimeoutMs} ms`, {
                cause,
                data: { url: url.href },
              })
            : new AgentwebError("FETCH_FAILED", "aborted", { cause, data: { url: url.href } }),
        );
      }
      reject(
        new AgentwebError("FETCH_FAILED", cause.code ?? cause.message, {
          cause,
          data: { url: url.href, errno: cause.code },
        }),
      );
    });
  });
}

/** Reads and decompresses, counting decoded bytes: stops as soon as the cap is passed. */
async function readBody(res: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const encoding = (res.headers["content-encoding"] ?? "").trim().toLowerCase();
  let stream: Readable = res;
  if (encoding === "gzip" || encoding === "x-gzip" || encoding === "deflate")
    stream = res.pipe(zlib.createUnzip());
  else if (encoding === "br") stream = res.pipe(zlib.createBrotliDecompress());
  const declared = Number(res.headers["content-length"]);
  if (!encoding && Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw tooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      if (signal.aborted) throw signal.reason;
      total += (chunk as Buffer).length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    res.destroy();
    stream.destroy();
    if (err instanceof AgentwebError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e?.name === "TimeoutError")
      throw new AgentwebError("TIMEOUT", "timed out reading the body", { cause: err });
    throw new AgentwebError("FETCH_FAILED", `reading the body failed: ${e?.code ?? e?.message}`, {
      cause: err,
      data: { errno: e?.code ?? "ECONNRESET" },
    });
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): AgentwebError {
  return new AgentwebError("BODY_TOO_LARGE", `decoded body exceeds the ${maxBytes}-byte limit`, {
    data: { maxBytes },
  });
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}
