/**
 * Renders pages that need JavaScript in Debian's Chromium, through Crawlee's browser pool
 * (chromium-pool.ts). Started lazily on the first page that needs it (most crawls never do) and
 * kept for the rest of the crawl: `render(url)` resolves with the DOM after scripts ran, with up to
 * `concurrency` pages rendering at once, each in its own tab. A page whose browser or tab crashed
 * under it is rendered once more in a fresh browser.
 * Under the egress guard, every HTTP request the browser makes is fetched through the guard
 * (browser-routes.ts) and every other connection goes through the guard proxy (guard-proxy.ts);
 * service workers are never started.
 */
import type { Page } from "playwright";
import type { EgressGuard } from "../fetch/egress-guard.js";
import { type ChromiumPool, startChromiumPool } from "./chromium-pool.js";

export { DEFAULT_CHROMIUM } from "./chromium-pool.js";

/** Scripts may still be fetching content after "load": they get this long to go quiet. */
const NETWORK_IDLE_MS = 5_000;
/** Pages one Chromium renders before a fresh one replaces it. */
const PAGES_PER_BROWSER = 100;

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
  /** Pages one Chromium renders before it is closed and a fresh one takes over. */
  pagesPerBrowser?: number;
  guard?: EgressGuard;
  /** Headers sent with the crawl's own origin's requests (e.g. --header, --cookie). */
  privateHeaders?: Record<string, string>;
  privateOrigin?: string;
}

/** The browser or tab went away under a render: worth one more try in a fresh browser. */
class BrowserLostError extends Error {}

/**
 * @example
 * const renderer = createBrowserRenderer({ userAgent: "agentweb/0.1", timeoutMs: 30_000, concurrency: 2 });
 * const { html } = await renderer.render("http://127.0.0.1:8080/app.html");
 * await renderer.close();
 */
export function createBrowserRenderer(options: BrowserRendererOptions) {
  const slot = slots(Math.max(1, options.concurrency ?? 2));
  const navigationMs = Math.max(5_000, options.timeoutMs);
  const renderMs = navigationMs + NETWORK_IDLE_MS + options.timeoutMs;
  let started: Promise<ChromiumPool> | undefined;
  let closed = false;

  async function attempt(pool: ChromiumPool, url: string): Promise<RenderResult> {
    let page: Page;
    try {
      page = await pool.newPage();
    } catch (err) {
      // A browser that died before the pool noticed, or a launch that failed.
      throw new BrowserLostError(message(err), { cause: err });
    }
    let crashed = false;
    let timedOut = false;
    page.once("crash", () => {
      crashed = true;
    });
    // content() on a page whose scripts never yield would wait forever: closing the tab ends it.
    const deadline = setTimeout(() => {
      timedOut = true;
      void page.close().catch(() => {});
    }, renderMs);
    try {
      const response = await page.goto(url, { waitUntil: "load", timeout: navigationMs });
      await page.waitForLoadState("networkidle", { timeout: NETWORK_IDLE_MS }).catch(() => {});
      const html = await page.content();
      return { html, finalUrl: page.url(), status: response?.status() ?? 200 };
    } catch (err) {
      if (timedOut) throw new Error(`rendering timed out after ${Math.round(renderMs / 1000)} s`);
      if (crashed || !page.context().browser()?.isConnected())
        throw new BrowserLostError(message(err), { cause: err });
      throw err;
    } finally {
      clearTimeout(deadline);
      await page.close().catch(() => {});
    }
  }

  return {
    render(url: string): Promise<RenderResult> {
      return slot(async () => {
        if (closed) throw new Error("renderer closed");
        started ??= startChromiumPool({
          ...options,
          pagesPerBrowser: options.pagesPerBrowser ?? PAGES_PER_BROWSER,
        });
        const pool = await started;
        try {
          return await attempt(pool, url);
        } catch (err) {
          if (!(err instanceof BrowserLostError) || closed) throw closed ? new Error("renderer closed") : err;
          return await attempt(pool, url);
        }
      });
    },
    /** Closes Chromium; safe to call when nothing was ever rendered. */
    async close(): Promise<void> {
      closed = true;
      const pool = await started?.catch(() => undefined);
      await pool?.close();
    },
  };
}

export type BrowserRenderer = ReturnType<typeof createBrowserRenderer>;

/** At most `limit` calls run at once; the rest wait in arrival order. */
function slots(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), else free it.
      const wake = waiting.shift();
      if (wake) wake();
      else running -= 1;
    }
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
