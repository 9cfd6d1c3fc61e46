import type { MiddlewareHandler } from "hono";
import type { Config } from "../../schemas/config.js";
import { AgentwebError } from "../../schemas/errors.js";

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];

/**
 * DNS-rebinding protection: the Host header (and the Origin header, when a browser sends one)
 * must name this server — a loopback name, the bound address, or a configured public host name.
 * A page on evil.example whose name is re-pointed at 127.0.0.1 arrives with `Host: evil.example`
 * and is refused before any MCP message is read.
 *
 * @example app.use("/mcp", hostCheck(config));
 */
export function hostCheck(
  config: Pick<Config, "host" | "publicHostnames" | "corsOrigins">,
): MiddlewareHandler {
  const wildcardBind = config.host === "0.0.0.0" || config.host === "::";
  const allowed = new Set(
    [...LOOPBACK_NAMES, ...(wildcardBind ? [] : [config.host]), ...config.publicHostnames].map((h) =>
      bare(h),
    ),
  );
  const origins = new Set(config.corsOrigins);
  return async (c, next) => {
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    if (!allowed.has(hostnameOf(host))) {
      throw new AgentwebError(
        "FORBIDDEN",
        `host ${host} is not served here (DNS-rebinding protection; see publicHostnames)`,
      );
    }
    const origin = c.req.header("origin");
    if (origin && origin !== "null" && !origins.has(origin) && !origins.has("*")) {
      let name: string;
      try {
        name = new URL(origin).hostname;
      } catch {
        throw new AgentwebError("FORBIDDEN", `origin ${origin} is not allowed`);
      }
      if (!allowed.has(bare(name)))
        throw new AgentwebError("FORBIDDEN", `origin ${origin} is not allowed (DNS-rebinding protection)`);
    }
    return next();
  };
}

function hostnameOf(host: string): string {
  try {
    return bare(new URL(`http://${host}`).hostname);
  } catch {
    return "";
  }
}

function bare(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, "");
}
