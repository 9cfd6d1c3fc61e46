/**
 * robots.txt per RFC 9309: parsing, user-agent group selection and rule precedence. Pure: fetching
 * and caching live in robots-cache.ts, pattern matching in robots-pattern.ts.
 */
import { compileRobotsPattern, type RobotsPattern } from "./robots-pattern.js";

/** RFC 9309 §2.5: crawlers must parse at least 500 KiB; we parse 512 KiB and ignore the rest. */
export const ROBOTS_MAX_BYTES = 512 * 1024;

interface Rule {
  allow: boolean;
  pattern: string;
  compiled: RobotsPattern;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelay?: number;
}

/** A parsed robots.txt; `rulesFor` picks the group(s) that apply to one user agent. */
export interface RobotsTxt {
  groups: Group[];
  sitemaps: string[];
}

/** The rules that apply to one crawler. */
export interface RobotsPolicy {
  isAllowed(pathAndQuery: string): boolean;
  /** Seconds between requests asked by the site (non-standard but widely used), if any. */
  crawlDelay?: number;
  sitemaps: string[];
}

/**
 * Parses robots.txt text. Unknown lines are ignored; rules before any user-agent line are dropped,
 * as RFC 9309 says rules belong to a group.
 *
 * @example
 * const robots = parseRobotsTxt("User-agent: *\nDisallow: /private/\n");
 * policyFor(robots, "agentweb").isAllowed("/private/x") // false
 */
export function parseRobotsTxt(text: string): RobotsTxt {
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | undefined;
  let lastWasAgent = false;
  for (const raw of text.slice(0, ROBOTS_MAX_BYTES).split(/\r\n|\r|\n/)) {
    // Not a regex: `#.*$` backtracks quadratically on a long run of `#` before a U+2028.
    const hash = raw.indexOf("#");
    const line = (hash < 0 ? raw : raw.slice(0, hash)).trim();
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "user-agent") {
      // Consecutive user-agent lines share one group (RFC 9309 §2.1).
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(productToken(value));
      lastWasAgent = true;
      continue;
    }
    if (key === "sitemap") {
      if (value) sitemaps.push(value);
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === "allow" || key === "disallow") {
      // An empty Disallow allows everything: it adds no rule.
      if (!value) continue;
      const pattern = normalizePath(value);
      current.rules.push({ allow: key === "allow", pattern, compiled: compileRobotsPattern(pattern) });
    } else if (key === "crawl-delay") {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.crawlDelay = n;
    }
  }
  return { groups, sitemaps };
}

/**
 * The rules for `userAgent`: every group naming its product token (case-insensitive, merged), else
 * every `*` group, else none (allow all).
 *
 * @example policyFor(parseRobotsTxt(text), "agentweb/0.1 (+https://x)").isAllowed("/docs/")
 */
export function policyFor(robots: RobotsTxt, userAgent: string): RobotsPolicy {
  const token = productToken(userAgent);
  let groups = robots.groups.filter((g) => g.agents.includes(token));
  if (groups.length === 0) groups = robots.groups.filter((g) => g.agents.includes("*"));
  const rules = groups.flatMap((g) => g.rules);
  const delays = groups.map((g) => g.crawlDelay).filter((d): d is number => d !== undefined);
  return {
    sitemaps: robots.sitemaps,
    ...(delays.length ? { crawlDelay: Math.max(...delays) } : {}),
    isAllowed(pathAndQuery: string): boolean {
      const path = normalizePath(pathAndQuery || "/");
      if (path === "/robots.txt") return true;
      let best: Rule | undefined;
      for (const rule of rules) {
        if (!rule.compiled.matches(path)) continue;
        // Longest pattern wins; on a tie the least restrictive (Allow) wins (RFC 9309 §2.2.2).
        if (
          !best ||
          rule.pattern.length > best.pattern.length ||
          (rule.pattern.length === best.pattern.length && rule.allow)
        )
          best = rule;
      }
      return best?.allow ?? true;
    },
  };
}

/** A policy that allows everything (4xx robots.txt, or `--ignore-robots`). */
export const ALLOW_ALL: RobotsPolicy = { isAllowed: () => true, sitemaps: [] };
/** A policy that refuses everything but /robots.txt (5xx or unreachable robots.txt). */
export const DISALLOW_ALL: RobotsPolicy = { isAllowed: (p) => p === "/robots.txt", sitemaps: [] };

/** "Googlebot/2.1 (+http://…)" → "googlebot": the name part only, lower-cased. */
function productToken(value: string): string {
  const match = /^[A-Za-z_*-]+/.exec(value.trim());
  return (match?.[0] ?? value.trim()).toLowerCase();
}

/**
 * One comparable form for patterns and paths (RFC 9309 §2.2.2): non-ASCII as UTF-8 percent escapes,
 * escapes of unreserved characters decoded, other escapes upper-cased.
 */
function normalizePath(input: string): string {
  if (PLAIN.test(input)) return input;
  const encoded = input.replace(/[^\x21-\x7e]+/g, (run) => encodeURIComponent(run));
  // A scan rather than a replace callback: a hostile file can hold hundreds of thousands of escapes.
  let out = "";
  let copied = 0;
  for (let i = encoded.indexOf("%"); i !== -1; i = encoded.indexOf("%", i + 1)) {
    const hi = hexValue(encoded.charCodeAt(i + 1));
    const lo = hexValue(encoded.charCodeAt(i + 2));
    if (hi < 0 || lo < 0) continue;
    const seen = encoded.slice(i, i + 3);
    const c = String.fromCharCode(hi * 16 + lo);
    const wanted = UNRESERVED.test(c) ? c : seen.toUpperCase();
    if (wanted !== seen) {
      out += encoded.slice(copied, i) + wanted;
      copied = i + 3;
    }
    i += 2;
  }
  return out + encoded.slice(copied);
}

/** Printable ASCII without `%`: already normal. */
const PLAIN = /^[\x21-\x24\x26-\x7e]*$/;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}
