import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as a route server saw it. */
export interface SeenRequest {
  path: string;
  at: number;
  headers: IncomingMessage["headers"];
}

/**
 * A loopback HTTP server whose every path is a handler: for tests of status codes, headers,
 * compression and timing that a static file server cannot produce.
 *
 * @example
 * const srv = await routeServer({ "/robots.txt": (_req, res) => res.writeHead(503).end() });
 * // … srv.url, srv.requests …
 * await srv.close();
 */
export async function routeServer(
  routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void>,
  fallback: (req: IncomingMessage, res: ServerResponse) => void = (_q, r) =>
    void r.writeHead(404).end("not found"),
) {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push({ path, at: Date.now(), headers: req.headers });
    (routes[path] ?? routes[path.split("?")[0]!] ?? fallback)(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    paths: () => requests.map((r) => r.path),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An HTML page with a title, some text and links. */
export function htmlPage(title: string, links: string[] = [], extra = ""): string {
  const body = `<p>${`${title} is documented here with enough words to count as real content. `.repeat(6)}</p>`;
  const anchors = links.map((l) => `<li><a href="${l}">${l}</a></li>`).join("");
  return `<!doctype html><html><head><title>${title}</title>${extra}</head><body><main><h1>${title}</h1>${body}<ul>${anchors}</ul></main></body></html>`;
}
