import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { routeServer } from "../../test/helpers/route-server.js";
import { blockedReason, createEgressGuard, type Resolver } from "./egress-guard.js";
import { httpFetch } from "./http-fetch.js";

// Any connection attempt outside 127.0.0.0/8 fails the test: no traffic ever goes to a real address.
const connects: string[] = [];
const realConnect = net.Socket.prototype.connect;
beforeAll(() => {
  vi.spyOn(net.Socket.prototype, "connect").mockImplementation(function (
    this: net.Socket,
    ...args: unknown[]
  ) {
    const opts = args[0] as { host?: string } | number;
    const host = typeof opts === "object" ? (opts.host ?? "") : String(args[1] ?? "");
    connects.push(host);
    return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  });
});
afterEach(() => {
  // Host names are resolved by our pinned lookup to 127.0.0.1, so the socket sees only loopback.
  for (const host of connects) if (net.isIP(host)) expect(host).toMatch(/^127\./);
  connects.length = 0;
});

/** A fake DNS: no real resolver is ever asked. */
const dns: Record<string, string[]> = {
  "docs.test": ["127.0.0.1"],
  "public.test": ["93.184.215.14"],
  "rebind.test": ["93.184.215.14", "10.0.0.7"],
  "metadata.test": ["169.254.169.254"],
  "v6.test": ["::ffff:192.168.1.1"],
  "nat64-metadata.test": ["64:ff9b::a9fe:a9fe"],
  "nat64-public.test": ["64:ff9b::808:808"],
};
const resolve: Resolver = async (host) => {
  const answers = dns[host];
  if (!answers) throw Object.assign(new Error(`no such host ${host}`), { code: "ENOTFOUND" });
  return answers.map((address) => ({ address, family: net.isIP(address) === 6 ? 6 : 4 }));
};

describe("blockedReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["100.64.0.1", "CGNAT"],
    ["169.254.169.254", "link-local (cloud metadata)"],
    ["0.0.0.0", "this-network"],
    ["::1", "loopback"],
    ["fd12::1", "unique-local"],
    ["fe80::1", "link-local"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a9fe:a9fe", "link-local (cloud metadata)"],
    ["fd00:ec2::254", "unique-local"],
    ["93.184.215.14", undefined],
    ["2606:4700::1111", undefined],
  ])("%s → %s", (ip, reason) => {
    expect(blockedReason(ip)).toBe(reason);
  });
});

/** Every IPv6 spelling that carries `ipv4`, per range, in lower, upper, full and compressed forms. */
function ipv6Spellings(ipv4: string): string[] {
  const [a, b, c, d] = ipv4.split(".").map(Number) as [number, number, number, number];
  const hi = ((a << 8) | b).toString(16);
  const lo = ((c << 8) | d).toString(16);
  const hex = `${hi}:${lo}`;
  const HEX = hex.toUpperCase();
  return [
    // IPv4-mapped ::ffff:0:0/96
    `::ffff:${ipv4}`,
    `::FFFF:${HEX}`,
    `0:0:0:0:0:ffff:${hex}`,
    // IPv4-translated (SIIT) ::ffff:0:0:0/96
    `::ffff:0:${ipv4}`,
    `::ffff:0:${hex}`,
    `0000:0000:0000:0000:FFFF:0000:${HEX}`,
    // IPv4-compatible ::/96
    `::${ipv4}`,
    `::${hex}`,
    `0:0:0:0:0:0:${ipv4}`,
    // NAT64 64:ff9b::/96
    `64:ff9b::${ipv4}`,
    `64:FF9B::${HEX}`,
    `0064:ff9b:0:0:0:0:${hex}`,
    // Local-use NAT64 64:ff9b:1::/48, the IPv4 address in the last 32 bits
    `64:ff9b:1::${hex}`,
    `64:ff9b:1:abcd::${ipv4}`,
    `64:FF9B:1:0:0:0:${HEX}`,
    // 6to4 2002::/16, the IPv4 address in bits 16..48
    `2002:${hex}::`,
    `2002:${HEX}:1::1`,
    `2002:${hex}:0:0:0:0:1`,
  ];
}

describe("IPv6 addresses that carry an IPv4 address", () => {
  const guard = createEgressGuard({ resolve });
  const refused = ["127.0.0.1", "10.0.0.1", "169.254.169.254", "192.168.1.1"].flatMap((v4) =>
    ipv6Spellings(v4).map((ip) => [ip, v4] as const),
  );

  it.each(refused)("refuses %s (it carries %s)", async (ip, v4) => {
    expect(blockedReason(ip)).toContain(blockedReason(v4));
    await expect(guard.check(`http://[${ip}]:8080/`)).rejects.toMatchObject({ code: "EGRESS_BLOCKED" });
  });

  it.each(ipv6Spellings("8.8.8.8"))("allows %s (it carries 8.8.8.8)", async (ip) => {
    expect(blockedReason(ip)).toBeUndefined();
    await expect(guard.check(`http://[${ip}]/`)).resolves.toMatchObject({ family: 6 });
  });

  it.each([
    ["http://[::127.0.0.1]/", "loopback via IPv4-compatible ::/96"],
    ["http://[::ffff:0:7f00:1]/", "loopback via IPv4-translated (SIIT) ::ffff:0:0:0/96"],
    ["http://[2002:a9fe:a9fe::]/", "link-local (cloud metadata) via 6to4 2002::/16"],
    ["http://[::]/", "unspecified"],
    ["http://[0:0:0:0:0:0:0:0]/", "unspecified"],
    ["http://[::1]/", "loopback"],
    ["http://[0:0:0:0:0:0:0:1]/", "loopback"],
    ["http://nat64-metadata.test/", "link-local (cloud metadata) via NAT64 64:ff9b::/96"],
  ])("names the reason for %s", async (url, reason) => {
    await expect(guard.check(url)).rejects.toMatchObject({ code: "EGRESS_BLOCKED", data: { reason } });
  });

  it("allows a NAT64 answer for a public address", async () => {
    await expect(guard.check("http://nat64-public.test/")).resolves.toMatchObject({
      address: "64:ff9b::808:808",
    });
  });

  it("lets an allowed IPv4 range through in any spelling, and nothing else", async () => {
    const allowing = createEgressGuard({
      resolve,
      allowCidrs: ["10.0.0.0/8"],
      allowHosts: ["nat64-metadata.test"],
    });
    for (const ip of ipv6Spellings("10.0.0.1"))
      await expect(allowing.check(`http://[${ip}]/`)).resolves.toBeDefined();
    await expect(allowing.check("http://nat64-metadata.test/")).resolves.toBeDefined();
    await expect(allowing.check("http://[64:ff9b::7f00:1]/")).rejects.toMatchObject({
      code: "EGRESS_BLOCKED",
    });
    await expect(allowing.check("http://[2002:a9fe:a9fe::]/")).rejects.toMatchObject({
      code: "EGRESS_BLOCKED",
    });
  });
});

describe("createEgressGuard", () => {
  const guard = createEgressGuard({ resolve });

  it.each([
    "http://127.1/",
    "http://0/",
    "http://017700000001/",
    "http://2130706433/",
    "http://0x7f.0.0.1/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::1]:8080/",
    "http://169.254.169.254/latest/meta-data/",
    "http://metadata.test/",
    "http://rebind.test/",
    "http://v6.test/",
    "http://localhost./",
  ])("refuses %s", async (url) => {
    await expect(guard.check(url)).rejects.toMatchObject({
      code: expect.stringMatching(/EGRESS_BLOCKED|FETCH_FAILED/),
    });
  });

  it.each(["file:///etc/passwd", "ftp://public.test/", "gopher://public.test/"])(
    "refuses the scheme of %s",
    async (url) => {
      await expect(guard.check(url)).rejects.toMatchObject({ code: "EGRESS_BLOCKED" });
    },
  );

  it("allows a public address, and operator allow-lists", async () => {
    await expect(guard.check("https://public.test/")).resolves.toMatchObject({ address: "93.184.215.14" });
    const allowing = createEgressGuard({
      resolve,
      allowCidrs: ["10.0.0.0/8"],
      allowHosts: ["*.docs.test", "metadata.test"],
    });
    await expect(allowing.check("http://rebind.test/")).resolves.toBeDefined();
    await expect(allowing.check("http://metadata.test/")).resolves.toBeDefined();
    await expect(allowing.check("http://169.254.169.254/")).rejects.toMatchObject({ code: "EGRESS_BLOCKED" });
  });
});

describe("egress guard on real requests (loopback only)", () => {
  let srv: Awaited<ReturnType<typeof routeServer>>;
  beforeAll(async () => {
    srv = await routeServer({
      "/": (_q, r) => void r.writeHead(200, { "content-type": "text/plain" }).end("ok"),
      "/to-loopback": (_q, r) =>
        void r.writeHead(302, { location: `http://127.0.0.1:${srv.port}/secret` }).end(),
      "/to-metadata": (_q, r) => void r.writeHead(302, { location: "http://169.254.169.254/latest/" }).end(),
      "/to-private-name": (_q, r) => void r.writeHead(302, { location: "http://rebind.test/" }).end(),
    });
  });
  afterAll(() => srv.close());
  // docs.test is allow-listed by name (an operator's internal docs host) and resolves to loopback.
  const guard = createEgressGuard({ resolve, allowHosts: ["docs.test"] });
  const get = (path: string) =>
    httpFetch(`http://docs.test:${srv.port}${path}`, {
      lookup: guard.lookup,
      checkHop: (u) => guard.check(u).then(() => {}),
    });

  it("connects to the vetted address (pinned lookup)", async () => {
    expect((await get("/")).body.toString()).toBe("ok");
  });

  it.each(["/to-loopback", "/to-metadata", "/to-private-name"])(
    "refuses a redirect hop %s before connecting",
    async (path) => {
      await expect(get(path)).rejects.toMatchObject({ code: "EGRESS_BLOCKED" });
      expect(srv.paths().filter((p) => p === "/secret")).toHaveLength(0);
    },
  );
});
