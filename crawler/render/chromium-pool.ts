/**
 * Crawlee's browser pool over Debian's Chromium. The pool opens each page as a tab in its own
 * incognito context, retires a browser after a number of pages (a long-lived Chromium grows) and
 * launches a fresh one for the next page; a browser whose process died is retired at once, so no
 * later page is sent to it. Fingerprint injection is off: pages see a plain headless Chromium with
 * the crawl's user agent.
 */
import type {
  BrowserPoolOptions,
  LaunchContext,
  PlaywrightController,
  PlaywrightPlugin,
} from "@crawlee/browser-pool";
import type { BrowserType, LaunchOptions, Page } from "playwright";
import { type BrowserRouteOptions, routeBrowserContext } from "./browser-routes.js";
import { startGuardProxy } from "./guard-proxy.js";

/** Debian's Chromium (apt package `chromium`); never a downloaded browser. */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
/** Headless, no sandbox (root in containers), and no background traffic of Chromium's own. */
export const CHROMIUM_ARGS = [
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

export interface ChromiumPoolOptions extends BrowserRouteOptions {
  userAgent: string;
  executablePath?: string;
  /** Pages one browser serves before it is retired and a fresh one takes over. */
  pagesPerBrowser: number;
}

export interface ChromiumPool {
  /** A tab in a fresh incognito context whose routes are already in place. */
  newPage(): Promise<Page>;
  /** Closes every browser (open pages included) and the guard proxy. */
  close(): Promise<void>;
}

/**
 * @example
 * const pool = await startChromiumPool({ userAgent: "agentweb/0.1", timeoutMs: 30_000, pagesPerBrowser: 100 });
 * const page = await pool.newPage();
 * await page.goto("http://127.0.0.1:8080/");
 * await page.close();
 * await pool.close();
 */
export async function startChromiumPool(options: ChromiumPoolOptions): Promise<ChromiumPool> {
  // Imported on demand: Playwright and the browser pool cost start-up time most crawls never need.
  const [{ BrowserPool, PlaywrightPlugin }, { chromium }] = await Promise.all([
    import("@crawlee/browser-pool"),
    import("playwright"),
  ]);
  const proxy = options.guard ? await startGuardProxy(options.guard, options.timeoutMs) : undefined;
  const launchOptions: LaunchOptions & { serviceWorkers: "block" } = {
    executablePath: options.executablePath ?? DEFAULT_CHROMIUM,
    args: [...CHROMIUM_ARGS, ...(proxy ? GUARDED_CHROMIUM_ARGS : []), `--user-agent=${options.userAgent}`],
    headless: true,
    // The browser pool otherwise puts its own open forwarding proxy here, which Chromium uses for
    // every connection that request interception does not see. Playwright adds "<-loopback>", so
    // loopback goes through the guard proxy too.
    ...(proxy ? { proxy: { server: proxy.url } } : {}),
    // Every page's context is made from these options too (incognito pages). A service worker's
    // requests bypass the page's routes, and it would outlive the page.
    serviceWorkers: "block",
  };
  const pool = new BrowserPool<
    BrowserPoolOptions<PlaywrightPlugin>,
    [PlaywrightPlugin],
    PlaywrightController,
    LaunchContext<BrowserType>,
    Parameters<PlaywrightController["newPage"]>[0],
    Page
  >({
    browserPlugins: [new PlaywrightPlugin(chromium, { useIncognitoPages: true, launchOptions })],
    useFingerprints: false,
    retireBrowserAfterPageCount: options.pagesPerBrowser,
    postLaunchHooks: [
      (_pageId, controller) => {
        controller.browser.on("disconnected", () => pool.retireBrowserController(controller));
      },
    ],
  });
  let closed = false;
  return {
    async newPage() {
      const page = await pool.newPage();
      if (closed) {
        // Launched while the pool was being destroyed, which only closes browsers already running.
        await pool.getBrowserControllerByPage(page)?.close();
        throw new Error("browser pool closed");
      }
      try {
        await routeBrowserContext(page.context(), options);
      } catch (err) {
        // A page whose routes are not all in place must never navigate.
        await page.close().catch(() => {});
        throw err;
      }
      return page;
    },
    async close() {
      closed = true;
      await pool.destroy().catch(() => {});
      await proxy?.close();
    },
  };
}
