/**
 * Renders pages that need JavaScript with Crawlee's PlaywrightCrawler driving Debian's Chromium.
 * Started lazily on the first page that needs it (most crawls never do), kept alive for the rest of
 * the crawl, and fed one URL at a time: `render(url)` resolves with the DOM after scripts ran.
 * Under the egress guard, every HTTP request the browser makes is fetched through the guard
 * (browser-routes.ts) and every other connection goes through the guard proxy (guard-proxy.ts);
 * service workers are never started.
 */
import type { EgressGuard } from "../fetch/egress-guard.js";
import { routeBrowserContext } from "./browser-routes.js";
import { startGuardProxy } from "./guard-proxy.js";

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

/**
 * WebRTC may use no UDP of its own under the egress guard: only what a proxy carries (TURN over
 * TCP), which the guard proxy checks like any other tunnel.
 */
const GUARDED_CHROMIUM_ARGS = ["--webrtc-ip-handling-policy=disable_non_proxied_udp"];

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
    const proxy = options.guard ? await startGuardProxy(options.guard, options.timeoutMs) : undefined;
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
        browserPoolOptions: {
          useFingerprints: false,
          postPageCreateHooks: [async (page) => routeBrowserContext(page.context(), options)],
        },
        launchContext: {
          userAgent: options.userAgent,
          useIncognitoPages: true,
          launchOptions: {
            executablePath: options.executablePath ?? DEFAULT_CHROMIUM,
            args: proxy ? [...CHROMIUM_ARGS, ...GUARDED_CHROMIUM_ARGS] : CHROMIUM_ARGS,
            headless: true,
            // The browser pool otherwise puts its own open forwarding proxy here, which Chromium
            // uses for every connection that request interception does not see. Playwright adds
            // "<-loopback>", so loopback goes through the guard proxy too.
            ...(proxy ? { proxy: { server: proxy.url } } : {}),
            // Each page gets its own context made from these options too (incognito pages). A
            // service worker's requests bypass the page's routes, and it would outlive the page.
            serviceWorkers: "block",
          },
        },
        preNavigationHooks: [
          async (_ctx, gotoOptions) => {
            if (gotoOptions) gotoOptions.waitUntil = "load";
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
        await proxy?.close();
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
