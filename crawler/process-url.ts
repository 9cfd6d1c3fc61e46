/**
 * One URL through the crawl: robots.txt → fetch (polite, retried, guarded) → status → media type →
 * charset → extract (or keep markdown as is) → render in Chromium when the page needs it →
 * canonical and noindex checks → one outcome, plus the links it adds to the frontier.
 */
import { AgentwebError, type ErrorCode, isAgentwebError } from "../schemas/errors.js";
import type { FetchedVia } from "../schemas/page.js";
import { buildPage } from "./build-page.js";
import type { CrawlContext } from "./crawl-context.js";
import type { CrawlOutcome } from "./crawl-contract.js";
import type { ExtractedPage } from "./extract/extract-page.js";
import { decodeText, whyNotText } from "./fetch/decode-text.js";
import { bodyKind, parseMediaType } from "./fetch/media-type.js";
import { headerSaysNoindex, metaSaysNoindex } from "./fetch/noindex.js";
import { enqueueLinks } from "./frontier/enqueue-links.js";
import { normalizeUrl } from "./frontier/normalize-url.js";
import type { WorkItem } from "./frontier/work-queue.js";
import { pagePathOfTwin } from "./llms-txt/md-twin.js";
import { fromMarkdown } from "./markdown-page.js";
import { fetchTwin } from "./twins/fetch-twin.js";

// Markdown first: a server that negotiates (`Accept: text/markdown`) answers with its own clean text.
const ACCEPT = "text/markdown,text/html;q=0.9,application/xhtml+xml;q=0.9,text/plain;q=0.7,*/*;q=0.1";

/**
 * Processes one queued URL and returns what happened to it.
 *
 * @example const outcome = await processUrl(ctx, { url: "https://x.dev/docs/", depth: 0 });
 */
export async function processUrl(ctx: CrawlContext, item: WorkItem): Promise<CrawlOutcome> {
  const { url } = item;
  try {
    const refused = await robotsRefusal(ctx, url);
    if (refused) return skipped(url, "ROBOTS_DISALLOWED", refused);
    const before = ctx.previous?.[url];
    if (before?.status === "page" && before.lastmod && ctx.lastmods.get(url) === before.lastmod) {
      return skipped(url, "UNCHANGED", `unchanged since the last crawl (sitemap lastmod ${before.lastmod})`);
    }
    const conditional: Record<string, string> = {};
    if (before?.status === "page" && before.etag) conditional["if-none-match"] = before.etag;
    if (before?.status === "page" && before.lastModified)
      conditional["if-modified-since"] = before.lastModified;
    const res = await ctx.fetcher.get(url, {
      headers: { accept: ACCEPT, ...conditional },
      ...(ctx.robots ? { checkHop: robotsHop(ctx, url) } : {}),
    });
    const early = statusOutcome(url, res.status) ?? redirectOutcome(ctx, item, res.finalUrl);
    if (early) return early;
    if (headerSaysNoindex(res.headers["x-robots-tag"], ctx.agentToken)) {
      return skipped(url, "NOINDEX", "X-Robots-Tag: noindex");
    }
    const media = parseMediaType(res.headers["content-type"]);
    const kind = bodyKind(media, res.body);
    if (kind === "skip") {
      return skipped(url, "UNSUPPORTED_CONTENT", `not a page (${media?.type ?? "unknown media type"})`);
    }
    const text = decodeText(res.body, media?.params.charset, kind === "html");
    const notText = whyNotText(res.body, text, media?.params.charset);
    if (notText)
      return skipped(url, "UNSUPPORTED_CONTENT", `not text (${media?.type ?? "no media type"}): ${notText}`);
    if (kind !== "html") {
      const extracted = fromMarkdown(text, res.finalUrl);
      enqueueLinks(ctx, extracted.links, item.depth);
      return storePage(ctx, {
        url: markdownPageKey(ctx, url),
        finalUrl: res.finalUrl,
        html: text,
        extracted,
        fetchedVia: markdownVia(ctx, url, kind),
        headers: res.headers,
      });
    }
    return await processHtml(ctx, item, { ...res, text });
  } catch (err) {
    const { code, message } = describe(err);
    if (code === "ROBOTS_DISALLOWED" || code === "EGRESS_BLOCKED") return skipped(url, code, message);
    return { type: "failed", url, code, message };
  }
}

function skipped(url: string, code: ErrorCode, reason: string): CrawlOutcome {
  return { type: "skipped", url, code, reason };
}

/** Why robots.txt refuses `url` (and the Crawl-delay it sets, applied), or undefined. */
async function robotsRefusal(ctx: CrawlContext, url: string): Promise<string | undefined> {
  if (!ctx.robots) return undefined;
  const { policy } = await ctx.robots.forUrl(url);
  if (policy.crawlDelay !== undefined) ctx.gate.setHostDelay(new URL(url).host, policy.crawlDelay * 1000);
  const u = new URL(url);
  return policy.isAllowed(u.pathname + u.search) ? undefined : "disallowed by robots.txt";
}

/** The outcome of a response that carries no page to read (not modified, gone, an error status). */
function statusOutcome(url: string, status: number): CrawlOutcome | undefined {
  if (status === 304) return skipped(url, "UNCHANGED", "not modified since the last crawl (HTTP 304)");
  if (status === 404 || status === 410) return skipped(url, "NOT_FOUND", `gone (HTTP ${status})`);
  if (status === 429) return { type: "failed", url, code: "RATE_LIMITED", message: "HTTP 429 after retries" };
  if (status < 200 || status >= 300)
    return { type: "failed", url, code: "HTTP_ERROR", message: `HTTP ${status}` };
  return undefined;
}

/** A redirect: the target is one page, whichever URL led to it (out of scope or stored: skipped). */
function redirectOutcome(ctx: CrawlContext, item: WorkItem, landedOn: string): CrawlOutcome | undefined {
  const finalUrl = normalizeUrl(landedOn);
  if (finalUrl === item.url) return undefined;
  if (ctx.scope.check(finalUrl, item.depth) !== undefined) {
    return skipped(item.url, "OUT_OF_SCOPE", `redirected out of scope to ${finalUrl}`);
  }
  if (ctx.stored.has(finalUrl))
    return skipped(item.url, "DUPLICATE", `redirects to ${finalUrl}, already stored`);
  ctx.queue.markSeen(finalUrl);
  return undefined;
}

/** An HTML page: extracted (or rendered when it needs it), its markdown twin preferred when it has one. */
async function processHtml(
  ctx: CrawlContext,
  item: WorkItem,
  res: { finalUrl: string; headers: Record<string, string>; text: string },
): Promise<CrawlOutcome> {
  const { url } = item;
  const { text } = res;
  if (metaSaysNoindex(text, ctx.agentToken)) return skipped(url, "NOINDEX", "meta robots noindex");
  // render=always: Chromium's DOM is the page; extracting the raw HTML first would be wasted work.
  if (ctx.render === "always" && ctx.renderer) return await renderPage(ctx, item, res, "render=always");
  const { extracted, tokens } = await ctx.extract(text, res.finalUrl);
  const failure = extractFailure(url, extracted);
  if (failure) return failure;
  enqueueLinks(ctx, extracted.links, item.depth);
  const page = { url, finalUrl: res.finalUrl, html: text, headers: res.headers };
  const twin = await fetchTwin(ctx, res.finalUrl, text, extracted.title);
  if (twin) {
    // The site's own markdown, with the HTML page's metadata and links.
    const md = fromMarkdown(twin.markdown, twin.url);
    const { jsRequired: _ignored, ...meta } = extracted;
    const fromTwin = { ...meta, markdown: md.markdown, headings: md.headings, removed: [] };
    return storePage(ctx, { ...page, extracted: fromTwin, fetchedVia: twin.via });
  }
  if (extracted.jsRequired) {
    const why = `needs JavaScript (${extracted.jsRequired})`;
    if (ctx.render === "auto" && ctx.renderer) return await renderPage(ctx, item, res, why);
    return skipped(url, "NEEDS_JAVASCRIPT", `needs JavaScript to render (${extracted.jsRequired})`);
  }
  return storePage(ctx, { ...page, extracted, fetchedVia: "http", tokens });
}

/** A redirect target is fetched only where robots.txt (of its own origin) allows it. */
function robotsHop(ctx: CrawlContext, first: string) {
  return async (u: URL) => {
    if (u.href === first || !ctx.robots) return;
    if (!(await ctx.robots.forUrl(u.href)).policy.isAllowed(u.pathname + u.search)) {
      throw new AgentwebError("ROBOTS_DISALLOWED", `redirect to ${u.href} is disallowed by robots.txt`, {
        data: { url: u.href },
      });
    }
  };
}

/** Renders the page in Chromium, extracts the DOM after scripts ran, and stores it with the reason. */
async function renderPage(
  ctx: CrawlContext,
  item: WorkItem,
  res: { finalUrl: string; headers: Record<string, string> },
  reason: string,
): Promise<CrawlOutcome> {
  const rendered = await ctx.renderer!.render(res.finalUrl);
  const { extracted, tokens } = await ctx.extract(rendered.html, rendered.finalUrl);
  const failure = extractFailure(item.url, extracted);
  if (failure) return failure;
  enqueueLinks(ctx, extracted.links, item.depth);
  if (extracted.jsRequired || !extracted.markdown.trim()) {
    const why = extracted.jsRequired ?? "no content";
    return {
      type: "skipped",
      url: item.url,
      code: "NEEDS_JAVASCRIPT",
      reason: `still empty after rendering in Chromium (${why})`,
    };
  }
  const input = {
    url: item.url,
    finalUrl: res.finalUrl,
    html: rendered.html,
    extracted,
    headers: res.headers,
    tokens,
  };
  return storePage(ctx, { ...input, fetchedVia: "browser" }, reason);
}

/** An `.md` URL listed in llms.txt stands for its HTML page: stored under the page's URL when in scope. */
function markdownPageKey(ctx: CrawlContext, url: string): string {
  if (!ctx.llmsLinks.has(url) || !new URL(url).pathname.endsWith(".md")) return url;
  const page = new URL(url);
  page.pathname = pagePathOfTwin(page.pathname);
  const key = normalizeUrl(page);
  if (ctx.scope.check(key, 0) !== undefined) return url;
  ctx.queue.markSeen(key);
  return key;
}

function markdownVia(ctx: CrawlContext, url: string, kind: "markdown" | "plain"): FetchedVia {
  if (ctx.llmsLinks.has(url)) return "llms.txt-md";
  // Markdown for a URL that does not name a markdown file: the server negotiated it.
  return kind === "markdown" && !/\.(md|markdown|txt)$/i.test(new URL(url).pathname)
    ? "md-negotiated"
    : "http";
}

function storePage(
  ctx: CrawlContext,
  input: {
    url: string;
    finalUrl: string;
    html: string;
    extracted: ExtractedPage;
    fetchedVia: FetchedVia;
    headers: Record<string, string>;
    tokens?: { html: number; markdown: number };
  },
  renderReason?: string,
): CrawlOutcome {
  const key = canonicalKey(ctx, input.url, input.extracted.canonical);
  if (ctx.stored.has(key)) {
    return { type: "skipped", url: input.url, code: "DUPLICATE", reason: `same canonical URL as ${key}` };
  }
  const page = buildPage({ ...input, url: key, site: ctx.site });
  // `/` and `/index.html` (and other aliases without rel=canonical) serve the same content: keep one.
  const twin = ctx.hashes.get(page.contentHash);
  if (twin) return { type: "skipped", url: input.url, code: "DUPLICATE", reason: `same content as ${twin}` };
  ctx.hashes.set(page.contentHash, key);
  ctx.stored.add(key);
  ctx.stored.add(normalizeUrl(input.finalUrl));
  // A canonical URL elsewhere in scope is the same page: do not fetch it again.
  ctx.queue.markSeen(key);
  return { type: "page", page, requestUrl: input.url, ...(renderReason ? { renderReason } : {}) };
}

/** The page's canonical URL when it points inside the crawl's scope, else the URL itself. */
function canonicalKey(ctx: CrawlContext, url: string, canonical: string | undefined): string {
  if (!canonical) return url;
  try {
    const key = normalizeUrl(canonical);
    return ctx.scope.check(key, 0) === undefined ? key : url;
  } catch {
    return url;
  }
}

function describe(err: unknown): { code: ErrorCode; message: string } {
  if (isAgentwebError(err)) return { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message.split("\n")[0]!.slice(0, 300) : String(err);
  if (/timed? ?out/i.test(message)) return { code: "TIMEOUT", message };
  return { code: "FETCH_FAILED", message };
}

/** A page that came out empty because an extraction rule threw: a failure naming the error, not a blank page. */
function extractFailure(url: string, extracted: ExtractedPage): CrawlOutcome | undefined {
  if (extracted.markdown.trim()) return undefined;
  const error = extracted.removed.find((r) => r.reason === "error:extract");
  if (!error) return undefined;
  return { type: "failed", url, code: "EXTRACT_FAILED", message: `extraction failed: ${error.target}` };
}
