import { createEgressGuard, type EgressPolicy, type Resolver } from "../../crawler/fetch/egress-guard.js";
import type { Config } from "../../schemas/config.js";

/** The egress policy and the URL parser adapters check user URLs with, from the crawler. */
export type { EgressPolicy } from "../../crawler/fetch/egress-guard.js";
export { parseHttpUrl } from "../../crawler/frontier/normalize-url.js";

/**
 * The egress policy for fetches started over HTTP or MCP: the operator's allow-lists from config;
 * tests pass `resolve` so no real DNS is asked. The crawler applies it to every request of a crawl
 * (robots, pages, redirects, browser); {@link assertAllowed} checks a URL up front, so a refused
 * crawl fails when it is asked for rather than later in its job.
 *
 * @example const egress = egressPolicyFor(config); await assertAllowed(egress, "http://169.254.169.254/") // throws EGRESS_BLOCKED
 */
export function egressPolicyFor(
  config: Pick<Config, "allowHosts" | "allowCidrs">,
  options: { resolve?: Resolver } = {},
): EgressPolicy {
  return {
    allowHosts: config.allowHosts,
    allowCidrs: config.allowCidrs,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  };
}

/**
 * Identity and limits of a fetch an HTTP or MCP caller waits for (audits, llms.txt reads): the
 * configured user agent and body cap, and a timeout short enough for a caller that is waiting.
 *
 * @example createAuditJobs({ ...callerFetchLimits(config), chromiumPath: config.chromiumPath, egress });
 */
export function callerFetchLimits(config: Pick<Config, "userAgent" | "requestTimeoutMs" | "maxBodyBytes">): {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
} {
  return {
    userAgent: config.userAgent,
    timeoutMs: Math.min(config.requestTimeoutMs, 20_000),
    maxBytes: config.maxBodyBytes,
  };
}

/**
 * Throws EGRESS_BLOCKED unless `url` resolves to addresses the policy allows.
 *
 * @example await assertAllowed({ allowCidrs: ["127.0.0.0/8"] }, "http://127.0.0.1:8080/")
 */
export async function assertAllowed(policy: EgressPolicy, url: string): Promise<void> {
  await createEgressGuard(policy).check(url);
}
