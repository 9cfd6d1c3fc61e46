/**
 * IPv6 addresses that carry an IPv4 address: packets to them end up at (or are translated to) that
 * IPv4 address, so the egress guard vets the IPv4 address instead of the IPv6 spelling.
 */
import { isIP } from "node:net";

/** An IPv4 address found inside an IPv6 one, and the range that put it there. */
export interface EmbeddedIpv4 {
  ipv4: string;
  range: string;
  /** IPv4-mapped: the IPv4 address itself, as a dual-stack socket writes it; no tunnel or translator. */
  mapped: boolean;
}

/** Each range: its leading 16-bit groups, and the group where the 32-bit IPv4 address starts. */
const RANGES: { range: string; prefix: number[]; at: number; mapped?: true }[] = [
  { range: "IPv4-mapped ::ffff:0:0/96", prefix: [0, 0, 0, 0, 0, 0xffff], at: 6, mapped: true },
  { range: "IPv4-translated (SIIT) ::ffff:0:0:0/96", prefix: [0, 0, 0, 0, 0xffff, 0], at: 6 },
  { range: "IPv4-compatible ::/96", prefix: [0, 0, 0, 0, 0, 0], at: 6 },
  { range: "NAT64 64:ff9b::/96", prefix: [0x64, 0xff9b, 0, 0, 0, 0], at: 6 },
  // Local-use NAT64 (RFC 8215): operators carve a /96 out of it, so the IPv4 address is the last 32 bits.
  { range: "NAT64 64:ff9b:1::/48", prefix: [0x64, 0xff9b, 1], at: 6 },
  { range: "6to4 2002::/16", prefix: [0x2002], at: 1 },
];

/**
 * The IPv4 address inside `ip`, whatever its spelling (`::ffff:127.0.0.1`, `::7f00:1`,
 * `64:FF9B::7F00:1`, `2002:7f00:1::`), or undefined when `ip` is not in one of the ranges.
 *
 * @example embeddedIpv4("2002:7f00:1::")?.ipv4 // "127.0.0.1"
 */
export function embeddedIpv4(ip: string): EmbeddedIpv4 | undefined {
  const groups = ipv6Groups(ip);
  if (!groups) return undefined;
  const found = RANGES.find((r) => r.prefix.every((g, i) => groups[i] === g));
  if (!found) return undefined;
  const hi = groups[found.at]!;
  const lo = groups[found.at + 1]!;
  const ipv4 = `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  return { ipv4, range: found.range, mapped: found.mapped === true };
}

/** The eight 16-bit groups of an IPv6 address (zone id ignored), or undefined for anything else. */
function ipv6Groups(ip: string): number[] | undefined {
  let text = ip.replace(/%.*$/, "").toLowerCase();
  if (isIP(text) !== 6) return undefined;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const gap = text.indexOf("::");
  const split = (part: string) => (part ? part.split(":") : []);
  const head = split(gap < 0 ? text : text.slice(0, gap));
  const tail = gap < 0 ? [] : split(text.slice(gap + 2));
  const zeros = new Array<string>(8 - head.length - tail.length).fill("0");
  return [...head, ...zeros, ...tail].map((g) => Number.parseInt(g, 16));
}
