import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/** Options for {@link serveSite}. */
export interface ServeSiteOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Wait this long before answering each request (simulates a slow site). */
  delayMs?: number;
  /** Request paths (e.g. `"/docs/retries.html"`, without query) answered with 500. */
  failPaths?: string[];
}

/** A running static server; see {@link serveSite}. */
export interface ServedSite {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** Stops listening and drops every open (keep-alive) connection. */
  close(): Promise<void>;
  /** Path of every request received, in arrival order (query strings removed, not decoded). */
  requests: string[];
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/**
 * Serves a directory of static files on 127.0.0.1, for tests and demos.
 *
 * - `Content-Type` comes from the file extension (unknown: `application/octet-stream`).
 * - A directory path serves its `index.html`; a directory path without a trailing slash gets a 301
 *   to the slashed form (so relative links resolve, as on a real static host).
 * - Missing files: 404. Paths that resolve outside `root` (`/../x`, `/..%2fx`): 403.
 * - `failPaths`: 500 for those exact paths. Only GET and HEAD are allowed (405 otherwise).
 *
 * @example
 * ```ts
 * const site = await serveSite(SAMPLE_SITE_DIR, { failPaths: ["/docs/events.html"] });
 * try {
 *   const res = await fetch(`${site.url}/docs/retries.html`);
 *   expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
 *   expect(site.requests).toContain("/docs/retries.html");
 * } finally {
 *   await site.close();
 * }
 * ```
 */
export async function serveSite(root: string, opts: ServeSiteOptions = {}): Promise<ServedSite> {
  const base = path.resolve(root);
  const failPaths = new Set(opts.failPaths ?? []);
  const delayMs = opts.delayMs ?? 0;
  const requests: string[] = [];

  const server = createServer((req, res) => {
    const rawPath = (req.url ?? "/").split("?")[0] ?? "/";
    requests.push(rawPath);
    const respond = () =>
      handle(req, res, rawPath).catch(() => {
        if (!res.headersSent) send(res, 500, "Internal Server Error");
        else res.destroy();
      });
    if (delayMs > 0) setTimeout(respond, delayMs);
    else void respond();
  });

  async function handle(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return send(res, 405, "Method Not Allowed");
    }
    if (failPaths.has(rawPath)) return send(res, 500, "Internal Server Error");

    let decoded: string;
    try {
      decoded = decodeURIComponent(rawPath);
    } catch {
      return send(res, 400, "Bad Request");
    }
    if (decoded.includes("\0") || !decoded.startsWith("/")) return send(res, 400, "Bad Request");

    // Resolve against the root and refuse anything that lands outside it.
    let file = path.resolve(base, `.${decoded}`);
    if (file !== base && !file.startsWith(base + path.sep)) return send(res, 403, "Forbidden");

    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      if (!rawPath.endsWith("/")) {
        res.setHeader("Location", `${rawPath}/`);
        return send(res, 301, "Moved Permanently");
      }
      file = path.join(file, "index.html");
      info = await stat(file).catch(() => undefined);
    }
    if (!info?.isFile()) return send(res, 404, "Not Found");

    res.writeHead(200, {
      "Content-Type": CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": info.size,
      "Last-Modified": info.mtime.toUTCString(),
      "Cache-Control": "no-cache",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const stream = createReadStream(file);
      stream.on("error", reject);
      res.on("close", resolve);
      stream.pipe(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((err) => (err ? reject(err) : resolve()));
        // close() alone waits for idle keep-alive sockets (e.g. fetch's pool) to time out.
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(res.req.method === "HEAD" ? undefined : body);
}
