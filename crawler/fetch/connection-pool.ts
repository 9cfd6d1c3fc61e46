/**
 * Keep-alive connections for one crawl: each host's sockets are reused from request to request
 * instead of a TCP (and TLS) handshake per page, at most `maxSocketsPerHost` open to one host, and
 * all of them closed when the crawl ends.
 */
import http from "node:http";
import https from "node:https";

export interface ConnectionPoolOptions {
  /** Sockets open to one host at once (requests past it wait for a free one). */
  maxSocketsPerHost: number;
  /** Sockets open at once over all hosts (default: 4 × maxSocketsPerHost). */
  maxTotalSockets?: number;
  /** An idle socket is closed after this long (default 4 s). */
  idleTimeoutMs?: number;
}

/** The agents httpFetch sends requests through, by scheme. */
export interface ConnectionPool {
  http: http.Agent;
  https: https.Agent;
  /** Closes every socket, idle or in use; the pool must not be used afterwards. */
  close(): void;
}

/**
 * @example
 * const pool = createConnectionPool({ maxSocketsPerHost: 4 });
 * await httpFetch(url, { agents: pool });
 * pool.close();
 */
export function createConnectionPool(o: ConnectionPoolOptions): ConnectionPool {
  const options = {
    keepAlive: true,
    maxSockets: o.maxSocketsPerHost,
    maxFreeSockets: o.maxSocketsPerHost,
    maxTotalSockets: o.maxTotalSockets ?? 4 * o.maxSocketsPerHost,
    // Under the 5 s idle timeout of Node's and Apache's servers, so a socket is rarely reused just
    // as the server closes it (a server's Keep-Alive: timeout hint shortens it further).
    timeout: o.idleTimeoutMs ?? 4_000,
    // The most recently used socket first: the others go idle and time out when fewer are needed.
    scheduling: "lifo" as const,
  };
  const pool = { http: new http.Agent(options), https: new https.Agent(options) };
  return {
    ...pool,
    close() {
      pool.http.destroy();
      pool.https.destroy();
    },
  };
}
