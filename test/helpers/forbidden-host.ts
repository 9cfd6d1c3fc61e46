import { createSocket } from "node:dgram";
import { type AddressInfo, createServer } from "node:net";

/**
 * A listener on a loopback alias that the egress policy under test refuses: it counts every TCP
 * connection and every UDP datagram it receives on one port, so a test can assert that nothing
 * reached it by any channel (HTTP, WebSocket, preconnect, STUN/TURN, QUIC), whether or not a
 * request was ever sent on the connection. Each request line (and each datagram's first bytes) is
 * kept to tell which channel leaked.
 *
 * @example
 * const host = await forbiddenHost("127.0.0.2");
 * // … point a page at host.url …
 * expect(host.seen()).toEqual({ tcp: 0, udp: 0, lines: [] });
 * await host.close();
 */
export async function forbiddenHost(address: string) {
  let tcp = 0;
  let udp = 0;
  const lines: string[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.once("data", (chunk) => {
      lines.push(chunk.toString("latin1").split("\r\n")[0] ?? "");
      socket.end(
        "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 7\r\nconnection: close\r\n\r\nreached",
      );
    });
  });
  server.on("connection", () => void tcp++);
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as AddressInfo;
  const datagrams = createSocket("udp4");
  datagrams.on("message", (msg) => {
    udp++;
    lines.push(`udp ${msg.subarray(0, 8).toString("hex")}`);
  });
  await new Promise<void>((resolve) => datagrams.bind(port, address, resolve));
  return {
    host: `${address}:${port}`,
    url: `http://${address}:${port}`,
    seen: () => ({ tcp, udp, lines: [...lines] }),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => datagrams.close(resolve));
    },
  };
}
