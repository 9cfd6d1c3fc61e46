/**
 * Renders pages that need JavaScript with Crawlee's PlaywrightCrawler driving Debian's Chromium.
 * Started lazily on the first page that needs it (most crawls never do), kept alive for the rest of
 * the crawl, and fed one URL at a time: `render(url)` resolves with the DOM after scripts ran.
 * Every request the browser makes (documents, XHR, subresources) passes the egress guard when one
 * is set; images, media and fonts are not loaded at all.
 */
import type { Route } from "playwright";
import type { EgressGuard } from "../fetch/egress-guard.js";
import { httpFetch } from "../fetch/http-fetch.js";

/** Debian's Chromium (apt package `chromium`); never a downloaded browser. */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SKIPPED_RESOURCES = new Set(["image", "media", "font"]);

export interface RenderResult {
  html: string;
  finalUrl: string;
  status: number;
}

export interface BrowserRendererOptions {
  userAgent: string;
  timeoutMs: number;
  executablePath?: string;
  /** Pages rendered at once; each is a Chromium tab. */
  concurrency?: number;
  guard?: EgressGuard;
  /** Headers sent with the crawl's own origin's requests (e.g. --header, --cookie). */
  privateHeaders?: Record<string, string>;
  privateOrigin?: string;
}

/**
 * @example
 * const renderer = createBrowserRenderer({ userAgent: "agentweb/0.1", timeoutMs: 30_000 });
 * const { html } = await renderer.render("http://127.0.0.1:8080/app.html");
 * await renderer.close();
 */
export function createBrowserRenderer(options: BrowserRendererOptions) {
  const pending = new Map<string, { resolve: (r: RenderResult) => void; reject: (e: unknown) => void }>();
  let started:
    | Promise<{ addRequests: (r: object[]) => Promise<unknown>; stop: () => Promise<void> }>
    | undefined;
  let counter = 0;

  async function start() {
    // Imported on demand: Playwright and the browser pool cost start-up time most crawls never need.
    const { PlaywrightCrawler, Configuration } = await import("@crawlee/playwright");
    const { Log, LogLevel } = await import("@crawlee/core");
    const timeoutSecs = Math.max(5, Math.ceil(options.timeoutMs / 1000));
    const crawler = new PlaywrightCrawler(
      {
        keepAlive: true,
        maxConcurrency: options.concurrency ?? 2,
        maxRequestRetries: 1,
        navigationTimeoutSecs: timeoutSecs,
        requestHandlerTimeoutSecs: timeoutSecs * 2,
        useSessionPool: false,
        persistCookiesPerSession: false,
        log: new Log({ level: LogLevel.OFF }),
        browserPoolOptions: { useFingerprints: false },
        launchContext: {
          userAgent: options.userAgent,
          useIncognitoPages: true,
          launchOptions: {
            executablePath: options.executablePath ?? DEFAULT_CHROMIUM,
            args: CHROMIUM_ARGS,
            headless: true,
          },
        },
        preNavigationHooks: [
          async ({ page }, gotoOptions) => {
            if (gotoOptions) gotoOptions.waitUntil = "load";
            await page.route("**/*", async (route) => {
              const request = route.request();
              if (SKIPPED_RESOURCES.has(request.resourceType())) return route.abort("blockedbyclient");
              try {
                const url = new URL(request.url());
                if (url.protocol === "data:" || url.protocol === "blob:") return route.continue();
                const own = options.privateHeaders && url.origin === options.privateOrigin;
                const headers = own ? { ...request.headers(), ...options.privateHeaders } : request.headers();
                if (options.guard)
                  return await fulfillGuarded(route, url, headers, options.guard, options.timeoutMs);
                return own ? route.continue({ headers }) : route.continue();
              } catch {
                return route.abort("blockedbyclient");
              }
            });
          },
        ],
        requestHandler: async ({ page, request, response }) => {
          // Scripts may still be fetching content after "load": give them a short quiet period.
          await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
          const html = await page.content();
          pending
            .get(request.uniqueKey)
            ?.resolve({ html, finalUrl: page.url(), status: response?.status() ?? 200 });
        },
        failedRequestHandler: async ({ request }, error) => {
          pending.get(request.uniqueKey)?.reject(error);
        },
      },
      new Configuration({ persistStorage: false, purgeOnStart: true }),
    );
    const running = crawler.run().catch((err) => {
      for (const p of pending.values()) p.reject(err);
    });
    return {
      addRequests: (r: object[]) => crawler.addRequests(r as never),
      stop: async () => {
        await crawler.teardown().catch(() => {});
        await running;
      },
    };
  }

  return {
    async render(url: string): Promise<RenderResult> {
      started ??= start();
      const crawler = await started;
      const uniqueKey = `render:${++counter}:${url}`;
      const result = new Promise<RenderResult>((resolve, reject) =>
        pending.set(uniqueKey, { resolve, reject }),
      );
      await crawler.addRequests([{ url, uniqueKey }]);
      try {
        return await result;
      } finally {
        pending.delete(uniqueKey);
      }
    },
    /** Closes Chromium; safe to call when nothing was ever rendered. */
    async close(): Promise<void> {
      if (!started) return;
      const crawler = await started.catch(() => undefined);
      for (const p of pending.values()) p.reject(new Error("renderer closed"));
      await crawler?.stop();
    },
  };
}

export type BrowserRenderer = ReturnType<typeof createBrowserRenderer>;

/** Largest response the guarded browser accepts for one request (scripts, JSON, the document). */
const BROWSER_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Under the egress guard, Chromium's own network stack is not used at all: each GET is made by our
 * fetcher with the guard's pinned lookup (so a DNS answer cannot change between check and connect,
 * and every redirect hop is checked) and handed to the page; anything else is refused.
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
