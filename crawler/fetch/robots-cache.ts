/**
 * Fetches and caches each origin's robots.txt with RFC 9309's error handling: 2xx parsed; 4xx
 * (except 429) allows everything; 429, 5xx and unreachable disallow everything; at most 5 redirects;
 * cached up to 24 hours.
 */
import { isAgentwebError } from "../../schemas/errors.js";
import { decodeText } from "./decode-text.js";
import type { Fetcher } from "./fetcher.js";
import { ALLOW_ALL, DISALLOW_ALL, parseRobotsTxt, policyFor, type RobotsPolicy } from "./robots-txt.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RobotsOutcome {
  policy: RobotsPolicy;
  /** Why this policy: "parsed", "4xx: allow all", "5xx: disallow all", … */
  source: string;
  /** No HTTP response at all (DNS, refused, timeout): the host itself is unreachable. */
  unreachable?: boolean;
}

/**
 * @example
 * const robots = createRobotsCache({ fetcher, userAgent: "agentweb/0.1" });
 * (await robots.forUrl("https://x.dev/docs/a")).policy.isAllowed("/docs/a")
 */
export function createRobotsCache(o: {
  fetcher: Fetcher;
  userAgent: string;
  ttlMs?: number;
  now?: () => number;
}) {
  const now = o.now ?? Date.now;
  const cache = new Map<string, { at: number; outcome: Promise<RobotsOutcome> }>();

  async function load(origin: string): Promise<RobotsOutcome> {
    try {
      const res = await o.fetcher.get(`${origin}/robots.txt`, { maxBodyBytes: 4 * 1024 * 1024, retries: 1 });
      // RFC 9309 §2.3.1.2: not reached within 5 redirects = unavailable, which allows all.
      if (res.redirects.length > 5) return { policy: ALLOW_ALL, source: "more than 5 redirects: allow all" };
      if (res.status >= 200 && res.status < 300) {
        const text = decodeText(res.body, undefined, false);
        return { policy: policyFor(parseRobotsTxt(text), o.userAgent), source: "parsed" };
      }
      if (res.status === 429) return { policy: DISALLOW_ALL, source: "HTTP 429: disallow all" };
      if (res.status >= 400 && res.status < 500)
        return { policy: ALLOW_ALL, source: `HTTP ${res.status}: allow all` };
      return { policy: DISALLOW_ALL, source: `HTTP ${res.status}: disallow all` };
    } catch (err) {
      const why = isAgentwebError(err) ? `${err.code} ${err.message}` : String(err);
      const unreachable = isAgentwebError(err, "TIMEOUT", "FETCH_FAILED");
      return { policy: DISALLOW_ALL, source: `robots.txt unreachable (${why}): disallow all`, unreachable };
    }
  }

  return {
    forUrl(url: string): Promise<RobotsOutcome> {
      const origin = new URL(url).origin;
      const hit = cache.get(origin);
      if (hit && now() - hit.at < (o.ttlMs ?? DAY_MS)) return hit.outcome;
      const outcome = load(origin);
      cache.set(origin, { at: now(), outcome });
      return outcome;
    },
  };
}

export type RobotsCache = ReturnType<typeof createRobotsCache>;
