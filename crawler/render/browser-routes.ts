/**
 * What a rendering browser context may fetch. Routes are set on the context, not the page, so a
 * popup the page opens is held to the same rules. Images, media and fonts are not loaded at all.
 */
import type { BrowserContext, Route, WebSocketRoute } from "playwright";
import type { EgressGuard } from "../fetch/egress-guard.js";
import { httpFetch } from "../fetch/http-fetch.js";

const SKIPPED_RESOURCES = new Set(["image", "media", "font"]);

/** Largest response the guarded browser accepts for one request (scripts, JSON, the document). */
const BROWSER_MAX_BYTES = 20 * 1024 * 1024;

export interface BrowserRouteOptions {
  timeoutMs: number;
  guard?: EgressGuard;
  /** Headers sent with the crawl's own origin's requests (e.g. --header, --cookie). */
  privateHeaders?: Record<string, string>;
  privateOrigin?: string;
}

/**
 * @example
 * await routeBrowserContext(page.context(), { timeoutMs: 30_000, guard });
 */
export async function routeBrowserContext(context: BrowserContext, options: BrowserRouteOptions) {
  await context.route("**/*", async (route) => {
    const request = route.request();
    if (SKIPPED_RESOURCES.has(request.resourceType())) return route.abort("blockedbyclient");
    try {
      const url = new URL(request.url());
      if (url.protocol === "data:" || url.protocol === "blob:") return route.continue();
      const own = options.privateHeaders && url.origin === options.privateOrigin;
      const headers = own ? { ...request.headers(), ...options.privateHeaders } : request.headers();
      if (options.guard) return await fulfillGuarded(route, url, headers, options.guard, options.timeoutMs);
      return own ? route.continue({ headers }) : route.continue();
    } catch {
      return route.abort("blockedbyclient");
    }
  });
  const guard = options.guard;
  if (guard) await context.routeWebSocket(/.*/, (ws) => guardWebSocket(ws, guard));
}

/**
 * A page's WebSocket is refused before Chromium opens it when the guard refuses its host. The
 * guard proxy checks the connection again, and alone covers sockets this hook cannot see (workers).
 */
async function guardWebSocket(ws: WebSocketRoute, guard: EgressGuard): Promise<void> {
  try {
    const url = new URL(ws.url());
    url.protocol = url.protocol === "wss:" ? "https:" : "http:";
    await guard.check(url);
  } catch {
    return ws.close({ code: 1008, reason: "refused by the egress guard" });
  }
  ws.connectToServer();
}

/**
 * Under the egress guard, Chromium's own network stack is not used for HTTP at all: each GET is
 * made by our fetcher with the guard's pinned lookup (so a DNS answer cannot change between check
 * and connect, and every redirect hop is checked) and handed to the page; anything else is refused.
 */
async function fulfillGuarded(
  route: Route,
  url: URL,
  headers: Record<string, string>,
  guard: EgressGuard,
  timeoutMs: number,
): Promise<void> {
  if (route.request().method() !== "GET") return route.abort("blockedbyclient");
  const res = await httpFetch(url.href, {
    headers,
    lookup: guard.lookup,
    checkHop: async (u) => void (await guard.check(u)),
    totalTimeoutMs: timeoutMs,
    maxBodyBytes: BROWSER_MAX_BYTES,
  });
  // The body is already decoded: drop the headers that describe the wire form.
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    if (!/^(content-encoding|content-length|transfer-encoding|connection)$/.test(k)) out[k] = v;
  }
  return route.fulfill({ status: res.status, headers: out, body: res.body });
}
