import { Configuration, HttpCrawler, Log, LogLevel } from "@crawlee/http";
import { type ErrorCode, isAgentwebError } from "../schemas/errors.js";
import type { Page } from "../schemas/page.js";
import { siteIdFor } from "../schemas/site-id.js";
import { buildPage } from "./build-page.js";
import { createChannel } from "./event-channel.js";
import { extractPage } from "./extract/extract-page.js";
import { assertReachable } from "./fetch/preflight.js";
import { normalizeUrl, parseHttpUrl } from "./frontier/normalize-url.js";
import { createScope } from "./frontier/scope.js";

export interface CrawlOptions {
  startUrl: string;
  maxPages: number;
  maxDepth: number;
  include: string[];
  exclude: string[];
  concurrency: number;
  requestTimeoutMs: number;
  maxBodyBytes: number;
  userAgent: string;
  /** Stops the crawl; events already emitted stay valid. */
  signal?: AbortSignal;
}

/** What a crawl reports, one event per URL it finished with, plus the queue size at that moment. */
export type CrawlEvent = { queued: number } & (
  | { type: "page"; page: Page }
  | { type: "skipped"; url: string; reason: string; code: ErrorCode }
  | { type: "failed"; url: string; code: ErrorCode; message: string }
);

/** Links to files that are never documentation pages are not even requested. */
const NON_PAGE_EXTENSION =
  /\.(png|jpe?g|gif|svg|webp|ico|bmp|pdf|zip|gz|tgz|tar|rar|7z|dmg|exe|msi|deb|rpm|mp[34]|mov|avi|webm|woff2?|ttf|eot|css|js|mjs|map|json|xml|rss|atom|wasm)$/i;
const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);

/**
 * Crawls a site over plain HTTP: from the start URL, within its origin and path prefix, following
 * links breadth-first. Yields one event per URL; pages are extracted to clean markdown. A page that
 * needs JavaScript is reported as skipped, never emitted half-empty.
 *
 * @example
 * for await (const event of crawl({ startUrl: "https://docs.example.com/", ...limits })) {
 *   if (event.type === "page") console.log(event.page.url, event.page.tokens.markdown);
 * }
 */
export async function* crawl(options: CrawlOptions): AsyncGenerator<CrawlEvent> {
  const start = normalizeUrl(parseHttpUrl(options.startUrl));
  await assertReachable(start, { timeoutMs: options.requestTimeoutMs, userAgent: options.userAgent });
  const site = siteIdFor(start);
  const scope = createScope(start, options);
  const channel = createChannel<CrawlEvent>(32);
  const seen = new Set<string>([start]);
  let finished = 0;
  const queued = () => seen.size - finished;
  const emit = (event: Omit<CrawlEvent, "queued"> & Partial<CrawlEvent>) => {
    finished += 1;
    return channel.push({ ...event, queued: queued() } as CrawlEvent);
  };

  // Each crawl gets its own in-memory storage: crawls sharing Crawlee's global config share one queue.
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  const crawler = new HttpCrawler(
    {
      maxConcurrency: options.concurrency,
      maxRequestRetries: 2,
      requestHandlerTimeoutSecs: Math.ceil(options.requestTimeoutMs / 1000) * 2,
      navigationTimeoutSecs: Math.ceil(options.requestTimeoutMs / 1000),
      useSessionPool: false,
      persistCookiesPerSession: false,
      respectRobotsTxtFile: { userAgent: options.userAgent },
      additionalMimeTypes: ["text/plain", "text/markdown", "application/octet-stream"],
      log: new Log({ level: LogLevel.OFF }),
      preNavigationHooks: [
        (_ctx, gotOptions) => {
          gotOptions.headers = { ...gotOptions.headers, "user-agent": options.userAgent };
        },
      ],
      onSkippedRequest: async ({ url, reason }) => {
        if (reason === "robotsTxt") await emit({ type: "skipped", url, reason: "disallowed by robots.txt", code: "ROBOTS_DISALLOWED" });
      },
      requestHandler: async ({ request, response, body, contentType }) => {
        const url = request.uniqueKey;
        const finalUrl = request.loadedUrl ?? request.url;
        const status = response.statusCode ?? 0;
        if (status === 404 || status === 410) {
          return void (await emit({ type: "skipped", url, reason: `gone (HTTP ${status})`, code: "NOT_FOUND" }));
        }
        if (status >= 400) {
          return void (await emit({ type: "failed", url, code: "HTTP_ERROR", message: `HTTP ${status}` }));
        }
        if (!HTML_TYPES.has(contentType.type)) {
          return void (await emit({ type: "skipped", url, reason: `not HTML (${contentType.type})`, code: "UNSUPPORTED_CONTENT" }));
        }
        if (body.length > options.maxBodyBytes) {
          const message = `body of ${body.length} bytes exceeds the ${options.maxBodyBytes}-byte limit`;
          return void (await emit({ type: "failed", url, code: "BODY_TOO_LARGE", message }));
        }
        const html = body.toString();
        const extracted = extractPage(html, finalUrl);
        const depth = Number(request.userData.depth ?? 0);
        const next = [];
        for (const link of extracted.links) {
          let target: string;
          try {
            target = normalizeUrl(link.url);
          } catch {
            continue;
          }
          if (seen.has(target) || NON_PAGE_EXTENSION.test(new URL(target).pathname)) continue;
          if (scope.check(target, depth + 1) !== undefined) continue;
          if (seen.size >= options.maxPages) break;
          seen.add(target);
          next.push({ url: target, uniqueKey: target, userData: { depth: depth + 1 } });
        }
        if (next.length) await crawler.addRequests(next);
        if (extracted.jsRequired) {
          const reason = `needs JavaScript to render (${extracted.jsRequired})`;
          return void (await emit({ type: "skipped", url, reason, code: "NEEDS_JAVASCRIPT" }));
        }
        const page = buildPage({ url, finalUrl, site, html, extracted, fetchedVia: "http", headers: response.headers });
        await emit({ type: "page", page });
      },
      failedRequestHandler: async ({ request }, error) => {
        const { code, message } = classify(error);
        const url = request.uniqueKey;
        if (code === "UNSUPPORTED_CONTENT") await emit({ type: "skipped", url, reason: message, code });
        else await emit({ type: "failed", url, code, message });
      },
    },
    config,
  );

  const abort = () => void crawler.teardown?.();
  options.signal?.addEventListener("abort", abort, { once: true });
  const run = crawler
    .run([{ url: start, uniqueKey: start, userData: { depth: 0 } }])
    .then(
      () => channel.close(),
      (err) => channel.close(err),
    )
    .finally(() => options.signal?.removeEventListener("abort", abort));
  try {
    yield* channel;
  } finally {
    await crawler.teardown().catch(() => {});
    await run;
  }
}

function classify(error: unknown): { code: ErrorCode; message: string } {
  if (isAgentwebError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n")[0]!.slice(0, 300);
  if (/content-type/i.test(message)) return { code: "UNSUPPORTED_CONTENT", message: firstLine };
  if (/timed? ?out|ETIMEDOUT/i.test(message)) return { code: "TIMEOUT", message: firstLine };
  if (/ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|socket hang up/i.test(message)) {
    return { code: "FETCH_FAILED", message: firstLine };
  }
  if (/^\d{3} - /.test(message)) return { code: "HTTP_ERROR", message: `HTTP ${firstLine}` };
  return { code: "FETCH_FAILED", message: firstLine };
}
