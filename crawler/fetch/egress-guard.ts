/**
 * The egress guard: keeps crawls started through the API or MCP away from loopback, private,
 * link-local, CGNAT, unique-local and cloud-metadata addresses. The check runs on the *resolved*
 * addresses (every answer), and the connection is pinned to the address that was checked, so a DNS
 * answer cannot change between the check and the connect (rebinding).
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { AgentwebError } from "../../schemas/errors.js";
import { embeddedIpv4 } from "./embedded-ipv4.js";

/** One DNS answer. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address; injected in tests so no real DNS or network is used. */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export interface EgressPolicy {
  /** Host names always allowed (exact or "*.example.com", case-insensitive), e.g. an internal docs host. */
  allowHosts?: string[];
  /** Address ranges always allowed, e.g. "10.1.0.0/16". */
  allowCidrs?: string[];
  resolve?: Resolver;
}

/** An egress guard: `check` resolves and vets a URL; `lookup` plugs the same check into node:http. */
export interface EgressGuard {
  check(url: string | URL): Promise<ResolvedAddress>;
  lookup: LookupFunction;
}

const BLOCKED_V4: [string, number, string][] = [
  ["0.0.0.0", 8, "this-network"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "CGNAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local (cloud metadata)"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];
const BLOCKED_V6: [string, number, string][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fc00::", 7, "unique-local"],
  ["fe80::", 10, "link-local"],
  ["ff00::", 8, "multicast"],
  ["fd00:ec2::254", 128, "cloud metadata"],
];

const defaultResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/**
 * Why an address is refused, or undefined when it is a public address. IPv6 addresses that carry an
 * IPv4 address (mapped, translated, compatible, NAT64, 6to4) are refused when that IPv4 address is.
 *
 * @example blockedReason("169.254.169.254") // "link-local (cloud metadata)"
 * @example blockedReason("64:ff9b::7f00:1") // "loopback via NAT64 64:ff9b::/96"
 */
export function blockedReason(address: string): string | undefined {
  const ip = address.replace(/^\[|\]$/g, "");
  const family = isIP(ip);
  if (family === 0) return "not an IP address";
  if (family === 4) return BLOCKED_V4.find(([net, prefix]) => inSubnet(ip, net, prefix, "ipv4"))?.[2];
  // First, so that :: and ::1 keep their own names rather than that of 0.0.0.0/8.
  const own = BLOCKED_V6.find(([net, prefix]) => inSubnet(ip, net, prefix, "ipv6"))?.[2];
  if (own) return own;
  const embedded = embeddedIpv4(ip);
  const reason = embedded && blockedReason(embedded.ipv4);
  if (!embedded || !reason) return undefined;
  return embedded.mapped ? reason : `${reason} via ${embedded.range}`;
}

/**
 * Creates a guard. Host names are taken from the WHATWG URL parser, which already turns numeric
 * tricks (`127.1`, `0`, `017700000001`, `0x7f.1`) into dotted quads, so they are caught here.
 *
 * @example
 * const guard = createEgressGuard({ allowCidrs: ["10.1.0.0/16"] });
 * await guard.check("http://169.254.169.254/latest/meta-data") // throws EGRESS_BLOCKED
 */
export function createEgressGuard(policy: EgressPolicy = {}): EgressGuard {
  const resolve = policy.resolve ?? defaultResolver;
  const allowHosts = (policy.allowHosts ?? []).map((h) => h.toLowerCase());
  const hostAllowed = (host: string) =>
    allowHosts.some((h) => (h.startsWith("*.") ? host.endsWith(h.slice(1)) : host === h));
  const allowList = new BlockList();
  for (const cidr of policy.allowCidrs ?? []) {
    const [net, bits] = cidr.split("/");
    const type = isIP(net ?? "") === 6 ? "ipv6" : "ipv4";
    allowList.addSubnet(net ?? "", Number(bits ?? (type === "ipv6" ? 128 : 32)), type);
  }
  // An allowed IPv4 range also allows the IPv6 spellings that lead to it.
  const allowedAddress = (ip: string) => {
    if (isIP(ip) === 4) return allowList.check(ip, "ipv4");
    const embedded = embeddedIpv4(ip);
    return allowList.check(ip, "ipv6") || (embedded !== undefined && allowList.check(embedded.ipv4, "ipv4"));
  };

  async function vet(host: string): Promise<ResolvedAddress> {
    const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
    const literal = isIP(bare);
    const name = bare.replace(/\.$/, "");
    // RFC 6761: localhost names are loopback whatever a resolver says.
    if ((name === "localhost" || name.endsWith(".localhost")) && !hostAllowed(bare)) {
      throw new AgentwebError("EGRESS_BLOCKED", `refused to connect to ${host} (loopback)`, {
        data: { host },
      });
    }
    let answers: ResolvedAddress[];
    try {
      answers = literal ? [{ address: bare, family: literal as 4 | 6 }] : await resolve(bare);
    } catch (cause) {
      const errno = (cause as NodeJS.ErrnoException).code;
      throw new AgentwebError("FETCH_FAILED", `cannot resolve ${host}: ${errno ?? cause}`, {
        cause,
        data: { host, errno },
      });
    }
    if (answers.length === 0)
      throw new AgentwebError("FETCH_FAILED", `no address for ${host}`, { data: { host } });
    if (hostAllowed(bare)) return answers[0]!;
    // Every answer must pass: a resolver may return a public and a private address together.
    for (const a of answers) {
      const reason = allowedAddress(a.address) ? undefined : blockedReason(a.address);
      if (reason) {
        throw new AgentwebError("EGRESS_BLOCKED", `refused to connect to ${host} (${a.address}: ${reason})`, {
          data: { host, address: a.address, reason },
        });
      }
    }
    return answers[0]!;
  }

  return {
    async check(url) {
      const u = typeof url === "string" ? new URL(url) : url;
      if (u.protocol !== "http:" && u.protocol !== "https:") {
        throw new AgentwebError("EGRESS_BLOCKED", `refused scheme ${u.protocol}`, { data: { url: u.href } });
      }
      return vet(u.hostname);
    },
    // node:http calls this instead of dns.lookup, so the socket connects to the vetted address.
    lookup: ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      vet(hostname).then(
        (a) => (options?.all ? callback(null, [a]) : callback(null, a.address, a.family)),
        (err) => callback(err),
      );
    }) as unknown as LookupFunction,
  };
}

function inSubnet(ip: string, net: string, prefix: number, type: "ipv4" | "ipv6"): boolean {
  const list = new BlockList();
  list.addSubnet(net, prefix, type);
  return list.check(ip, type);
}
