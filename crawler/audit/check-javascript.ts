/**
 * Readable without JavaScript: an agent's fetcher runs no scripts, so text that appears only after
 * JavaScript is invisible to it. Per page, the main text over plain HTTP is compared with the main
 * text after Chromium ran the page.
 *
 * Rendering is costly, so only pages that can change in a browser (scripts, inline handlers, a meta
 * refresh) are rendered, and of those: every page that looks script-built (the extractor's
 * jsRequired signal or thin text) as soon as the sample finds it, then a small sample of the others,
 * and the rest of them (up to the cap) only when that sample shows text JavaScript added. A page
 * with nothing that runs shows the same text in a browser as over HTTP: it is not rendered.
 */
import type { AuditFinding } from "../../schemas/audit.js";
import { type ExtractHtml, mainTextChars, type PageFacts } from "./page-facts.js";

/** Returns the rendered HTML of a URL. */
export type RenderHtml = (url: string) => Promise<string>;

/** Under this many characters a page is "thin" and rendered before the others. */
const THIN_CHARS = 500;
/** A page missing at least this share of its rendered text over HTTP is a finding. */
const MISSING_SHARE = 0.5;
/**
 * …and at least this many characters: a short page plus a script-inserted banner ("this site did
 * not load properly", cookie notices) is not content that exists only after JavaScript.
 */
const MISSING_CHARS = 200;
/** Pages that do not look script-built rendered to see that the site works without JavaScript. */
const PLAIN_SAMPLE = 2;

export interface JavascriptOptions {
  render?: RenderHtml;
  /** Pages rendered at most. */
  maxRenders: number;
  /** Renders at once (each is a browser tab). */
  concurrency?: number;
  /** Extraction of the rendered HTML (the crawler's worker pool); in this thread when not given. */
  extract?: ExtractHtml;
}

export interface JavascriptOutcome {
  findings: AuditFinding[];
  /** Main-text characters after rendering, per rendered page URL. */
  rendered: Map<string, number>;
  /** Main-text characters with JavaScript, per page URL where known (see {@link withJs}). */
  textWithJs: Map<string, number>;
  notes: string[];
}

export interface JavascriptCheck {
  /** A sampled page, in sample order: one that looks script-built is rendered right away. */
  offer(page: PageFacts): void;
  /** After the sample: the sample of other pages, more when it finds JavaScript-added text; the findings. */
  finish(pages: PageFacts[]): Promise<JavascriptOutcome>;
}

/**
 * @example
 * const js = createJavascriptCheck({ render, maxRenders: 10 });
 * const pages = await samplePages({ ...o, onPage: js.offer });
 * const { findings, rendered } = await js.finish(pages);
 */
export function createJavascriptCheck(o: JavascriptOptions): JavascriptCheck {
  const rendered = new Map<string, number>();
  const notes: string[] = [];
  const started = new Set<string>();
  const running: Promise<void>[] = [];
  const waiting: (() => void)[] = [];
  let active = 0;

  const renderOne = async (page: PageFacts) => {
    while (active >= Math.max(1, o.concurrency ?? 1)) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      const html = await o.render!(page.url);
      rendered.set(page.url, await mainTextChars(html, page.finalUrl, o.extract));
    } catch (err) {
      notes.push(`could not render ${page.url}: ${(err as Error).message.split("\n")[0]}`);
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
  const start = (page: PageFacts) => {
    if (!o.render || started.has(page.url) || started.size >= o.maxRenders) return;
    started.add(page.url);
    running.push(renderOne(page));
  };
  const settle = async () => {
    while (running.length) await Promise.all(running.splice(0));
  };

  const offer = (page: PageFacts) => {
    if (page.html && page.scripted && suspect(page)) start(page);
  };

  return {
    offer,
    async finish(pages) {
      const html = pages.filter((p) => p.html);
      for (const page of html) offer(page);
      const plain = html.filter((p) => p.scripted && !suspect(p));
      if (o.render) {
        for (const page of spread(plain, PLAIN_SAMPLE)) start(page);
        await settle();
        if (plain.some((p) => addsText(p, rendered.get(p.url)))) for (const page of plain) start(page);
        await settle();
      } else notes.push("JavaScript check without Chromium: pages judged by the extractor's signals only");
      const still = html.filter((p) => !p.scripted).length;
      if (still)
        notes.push(
          `${still} of ${html.length} sampled pages run no script: their text is the same with JavaScript, so they were not rendered`,
        );
      const textWithJs = withJs(html, rendered);
      return { findings: findingsOf(html, textWithJs), rendered, textWithJs, notes };
    },
  };
}

/**
 * The whole check on an already sampled list of pages.
 *
 * @example const { findings, rendered } = await checkJavascript(pages, { render, maxRenders: 10 });
 */
export async function checkJavascript(pages: PageFacts[], o: JavascriptOptions): Promise<JavascriptOutcome> {
  const check = createJavascriptCheck(o);
  for (const page of pages) check.offer(page);
  return check.finish(pages);
}

/**
 * Main-text characters of each page with JavaScript: the rendering's, or, for a page where nothing
 * runs, its text over HTTP.
 */
export function withJs(pages: PageFacts[], rendered: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of pages) {
    const chars = rendered.get(p.url) ?? (p.scripted ? undefined : p.textChars);
    if (chars !== undefined) out.set(p.url, chars);
  }
  return out;
}

function findingsOf(html: PageFacts[], chars: Map<string, number>): AuditFinding[] {
  const missing = html
    .map((p) => ({ page: p, share: missingShare(p, chars.get(p.url)) }))
    .filter((m) => m.share >= MISSING_SHARE && missingChars(m.page, chars.get(m.page.url)) >= MISSING_CHARS);
  if (!missing.length) return [];
  const mean = missing.reduce((n, m) => n + m.share, 0) / Math.max(1, html.length);
  return [
    {
      category: "javascript",
      code: "js-only-content",
      severity: "error",
      message: `${missing.length} of ${html.length} sampled pages show their content only after JavaScript runs`,
      fix: "Render the content into the HTML (server-side rendering or static generation); keep JavaScript for interaction only.",
      penalty: Math.round(100 * mean),
      evidence: missing.map(({ page, share }) => ({
        url: page.url,
        detail: `${Math.round(share * 100)}% of the text missing without JavaScript (${page.textChars} chars over HTTP${chars.has(page.url) ? ` vs ${chars.get(page.url)} rendered` : ""})${page.jsRequired ? `; ${page.jsRequired}` : ""}`,
      })),
    },
  ];
}

const suspect = (p: PageFacts) => Boolean(p.jsRequired) || p.textChars < THIN_CHARS;

/**
 * A rendering that shows JavaScript adds text to pages that do not look script-built: half of what
 * makes a finding, so the other pages get rendered before one of them is missed.
 */
function addsText(page: PageFacts, renderedChars: number | undefined): boolean {
  return (
    missingShare(page, renderedChars) >= MISSING_SHARE / 2 &&
    missingChars(page, renderedChars) >= MISSING_CHARS / 2
  );
}

/** Characters the rendering adds; without a rendering, all that a JS-only page must be missing. */
function missingChars(page: PageFacts, renderedChars: number | undefined): number {
  if (renderedChars === undefined) return page.jsRequired ? MISSING_CHARS : 0;
  return Math.max(0, renderedChars - page.textChars);
}

/**
 * Share of the rendered main text that plain HTTP does not show; without a rendering, 1 when the
 * extractor saw the page needs JavaScript, else 0.
 *
 * @example missingShare({ textChars: 100, … }, 1000) // 0.9
 */
export function missingShare(
  page: Pick<PageFacts, "textChars" | "jsRequired">,
  renderedChars?: number,
): number {
  if (renderedChars === undefined) return page.jsRequired ? 1 : 0;
  if (renderedChars <= page.textChars || renderedChars === 0) return 0;
  return 1 - page.textChars / renderedChars;
}

/** `n` entries spread over the list (its first, then evenly after it). */
function spread<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list;
  const step = list.length / n;
  return Array.from({ length: n }, (_, i) => list[Math.floor(i * step)]!);
}
