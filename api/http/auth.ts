import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import type { Config } from "../../schemas/config.js";
import { AgentwebError } from "../../schemas/errors.js";

/** What a caller may do: `read` searches and reads; `admin` also crawls, deletes and fetches fresh. */
export type Scope = "read" | "admin";

/** Who is calling: a key's id (never the key itself) and its scope (none: no key where keys are needed). */
export interface Caller {
  id: string;
  scope: Scope | undefined;
}

declare module "hono" {
  interface ContextVariableMap {
    caller: Caller;
  }
}

/**
 * Identifies the caller from `Authorization: Bearer KEY` (or `X-API-Key: KEY`). With no keys
 * configured the server is local and open: every caller is admin, identified by address for the
 * rate limit. A key is matched in constant time against every configured key (hashes of equal
 * length, compared without an early exit), so timing reveals neither which key nor how much of it
 * matched. An unknown key is refused at once, even on public routes: a wrong key is a mistake the
 * caller should hear about.
 *
 * @example app.use(identifyCaller(config.apiKeys, (c) => "127.0.0.1"));
 */
export function identifyCaller(
  keys: Config["apiKeys"],
  addressOf: (c: Context) => string,
): MiddlewareHandler {
  const hashed = keys.map((k, i) => ({ digest: sha256(k.key), scope: k.scope, id: `key${i + 1}` }));
  return async (c, next) => {
    const presented = bearer(c.req.header("authorization")) ?? c.req.header("x-api-key");
    if (presented === undefined) {
      // With keys configured an anonymous caller has no scope: only public routes answer it.
      const scope = hashed.length === 0 ? "admin" : undefined;
      c.set("caller", { id: `addr:${addressOf(c)}`, scope });
      return next();
    }
    const digest = sha256(presented);
    let match: (typeof hashed)[number] | undefined;
    for (const k of hashed) if (timingSafeEqual(k.digest, digest) && !match) match = k;
    if (!match) throw unauthorized("unknown API key");
    c.set("caller", { id: match.id, scope: match.scope });
    return next();
  };
}

/**
 * Refuses callers without `scope`: 401 when no key was given, 403 when the key's scope is too low.
 *
 * @example app.post("/v1/crawls", requireScope("admin"), handler);
 */
export function requireScope(scope: Scope): MiddlewareHandler {
  return async (c, next) => {
    assertScope(c, scope);
    return next();
  };
}

/**
 * Throws unless the caller has `scope` (for checks that depend on the input, like `fresh=1`).
 *
 * @example if (input.fresh) assertScope(c, "admin");
 */
export function assertScope(c: Context, scope: Scope): void {
  const caller = c.get("caller");
  if (!caller?.scope) throw unauthorized("an API key is required (Authorization: Bearer KEY)");
  if (scope === "admin" && caller.scope !== "admin") {
    throw new AgentwebError("FORBIDDEN", "this needs an API key with the admin scope");
  }
}

function unauthorized(message: string): AgentwebError {
  return new AgentwebError("UNAUTHORIZED", message);
}

function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return m?.[1];
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
