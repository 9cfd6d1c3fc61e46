import picomatch from "picomatch";
import { scopePrefix } from "../../schemas/site-id.js";

export interface ScopeOptions {
  include: string[];
  exclude: string[];
  maxDepth: number;
}

/** Why a URL stays out of a crawl, or undefined when it is in scope. */
export type ScopeVerdict =
  | undefined
  | "other-origin"
  | "outside-prefix"
  | "excluded"
  | "not-included"
  | "too-deep";

/**
 * The crawl's boundary: same origin and path prefix as the start URL, include/exclude globs matched
 * against the full URL (exclude wins), and a maximum link depth.
 *
 * @example
 * const scope = createScope("https://x.dev/docs/", { include: [], exclude: ["**\/changelog*"], maxDepth: 5 });
 * scope.check("https://x.dev/blog/post", 1) // "outside-prefix"
 */
export function createScope(startUrl: string, options: ScopeOptions) {
  const start = new URL(startUrl);
  const prefix = scopePrefix(start);
  const included = options.include.length ? picomatch(options.include, { dot: true }) : undefined;
  const excluded = options.exclude.length ? picomatch(options.exclude, { dot: true }) : undefined;
  return {
    origin: start.origin,
    prefix,
    check(url: string, depth: number): ScopeVerdict {
      const u = new URL(url);
      if (u.origin !== start.origin) return "other-origin";
      if (!u.pathname.startsWith(prefix)) return "outside-prefix";
      if (excluded?.(url)) return "excluded";
      if (included && !included(url)) return "not-included";
      if (depth > options.maxDepth) return "too-deep";
      return undefined;
    },
  };
}

export type Scope = ReturnType<typeof createScope>;
