/**
 * The guarded browser's only way out. Request interception (`context.route`) sees what a page asks
 * for over HTTP, but Chromium also opens connections that never pass through it: WebSockets (from
 * workers too), shared and service workers, preconnects, speculative prefetch and prerender, TURN
 * over TCP. Chromium is pointed at this proxy for everything, loopback included, so each of those
 * either tunnels to an address the egress guard accepted or gets nowhere.
 */
import { createServer, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { EgressGuard } from "../fetch/egress-guard.js";

export interface GuardProxy {
  /** `http://127.0.0.1:PORT`, for Chromium's `--proxy-server`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the proxy on a free loopback port. A CONNECT tunnel (how Chromium sends WebSockets and
 * HTTPS through a proxy) is opened to the address the guard vetted, never to a second DNS answer.
 * A plain proxied HTTP request is refused outright: every HTTP request a page makes is fetched by
 * the route handler, so one that arrives here is one that slipped past interception.
 *
 * @example
 * const proxy = await startGuardProxy(createEgressGuard(), 10_000);
 * // chromium --proxy-server=${proxy.url} --proxy-bypass-list=<-loopback>
 * await proxy.close();
 */
export async function startGuardProxy(guard: EgressGuard, connectTimeoutMs: number): Promise<GuardProxy> {
  const open = new Set<Duplex>();
  const track = (s: Duplex) => {
    open.add(s);
    s.on("close", () => open.delete(s));
    s.on("error", () => s.destroy());
  };
  const server: Server = createServer((req, res) => {
    req.resume();
    res.writeHead(403, { connection: "close" }).end();
  });
  server.on("connect", (req, client: Duplex, head: Buffer) => {
    track(client);
    void tunnel(req.url ?? "", client, head);
  });

  async function tunnel(authority: string, client: Duplex, head: Buffer) {
    let upstream: Socket;
    try {
      const target = new URL(`http://${authority}`);
      const port = Number(target.port || 80);
      const { address } = await guard.check(target);
      if (client.destroyed) return;
      upstream = connect({ host: address, port, timeout: connectTimeoutMs });
    } catch {
      client.end("HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n");
      return;
    }
    track(upstream);
    client.once("close", () => upstream.destroy());
    let connected = false;
    upstream.once("timeout", () => upstream.destroy());
    upstream.once("close", () => {
      if (connected) client.destroy();
      else client.end("HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n");
    });
    upstream.once("connect", () => {
      connected = true;
      upstream.setTimeout(0);
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
