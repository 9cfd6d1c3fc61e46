import { request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forbiddenHost } from "../../test/helpers/forbidden-host.js";
import { createEgressGuard } from "../fetch/egress-guard.js";
import { type GuardProxy, startGuardProxy } from "./guard-proxy.js";

/** Sends a CONNECT and returns the proxy's status line and the socket (tunnel) it left open. */
function connectVia(proxy: GuardProxy, authority: string) {
  return new Promise<{ status: number; socket: import("node:net").Socket }>((resolve, reject) => {
    const req = request(`${proxy.url}/`, { method: "CONNECT", path: authority });
    req.once("connect", (res, socket) => resolve({ status: res.statusCode ?? 0, socket }));
    req.once("response", (res) => resolve({ status: res.statusCode ?? 0, socket: res.socket }));
    req.once("error", reject);
    req.end();
  });
}

describe("guard proxy", () => {
  let allowed: Awaited<ReturnType<typeof forbiddenHost>>;
  let refused: Awaited<ReturnType<typeof forbiddenHost>>;
  let proxy: GuardProxy;
  beforeAll(async () => {
    // Both are plain counting listeners; only the egress policy makes one of them refused.
    allowed = await forbiddenHost("127.0.0.1");
    refused = await forbiddenHost("127.0.0.3");
    proxy = await startGuardProxy(createEgressGuard({ allowCidrs: ["127.0.0.1/32"] }), 5_000);
  });
  afterAll(async () => {
    await proxy.close();
    await allowed.close();
    await refused.close();
  });

  it("tunnels to an allowed address and refuses a refused one without connecting", async () => {
    const ok = await connectVia(proxy, allowed.host);
    expect(ok.status).toBe(200);
    const reply = await new Promise<string>((resolve) => {
      ok.socket.once("data", (d) => resolve(d.toString()));
      ok.socket.write("GET /through HTTP/1.1\r\nhost: x\r\n\r\n");
    });
    expect(reply).toContain("reached");
    ok.socket.destroy();
    expect(allowed.seen().lines).toEqual(["GET /through HTTP/1.1"]);

    const no = await connectVia(proxy, refused.host);
    expect(no.status).toBe(403);
    no.socket.destroy();
    // "localhost" names and numeric tricks are vetted the same way.
    for (const target of ["localhost:80", `127.3:${refused.host.split(":")[1]}`, "[::1]:80", "[oops:80"]) {
      const r = await connectVia(proxy, target);
      expect(r.status, target).toBe(403);
      r.socket.destroy();
    }
    expect(refused.seen()).toEqual({ tcp: 0, udp: 0, lines: [] });
  });

  it("refuses plain proxied requests, even to an allowed address", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(new URL(proxy.url).port), "127.0.0.1");
      socket.once("data", (d) => {
        resolve(Number(d.toString().split(" ")[1]));
        socket.destroy();
      });
      socket.once("error", reject);
      socket.write(`GET http://${allowed.host}/plain HTTP/1.1\r\nhost: ${allowed.host}\r\n\r\n`);
    });
    expect(status).toBe(403);
    expect(allowed.seen().lines).not.toContain("GET /plain HTTP/1.1");
  });
});
