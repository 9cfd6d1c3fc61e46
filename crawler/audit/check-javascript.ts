/**
 * Readable without JavaScript: an agent's fetcher runs no scripts, so text that appears only after
 * JavaScript is invisible to it. Per page, the main text over plain HTTP is compared with the main
 * text after Chromium ran the page. Rendering is costly, so pages that look script-built (the
 * extractor's jsRequired signal or thin text) are rendered first, then the rest up to a cap.
 */
import type { AuditFinding } from "../../schemas/audit.js";
import { mainTextChars, type PageFacts } from "./page-facts.js";

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

/**
 * @example const { findings, rendered } = await checkJavascript(pages, { render, maxRenders: 10 });
 */
export async function checkJavascript(
  pages: PageFacts[],
  o: { render?: RenderHtml; maxRenders: number },
): Promise<{ findings: AuditFinding[]; rendered: Map<string, number>; notes: string[] }> {
  const findings: AuditFinding[] = [];
  const rendered = new Map<string, number>();
  const notes: string[] = [];
  const html = pages.filter((p) => p.html);
  const suspect = (p: PageFacts) => Boolean(p.jsRequired) || p.textChars < THIN_CHARS;
  const order = [...html.filter(suspect), ...html.filter((p) => !suspect(p))].slice(0, o.maxRenders);
  if (o.render) {
    for (const page of order) {
      try {
        rendered.set(page.url, mainTextChars(await o.render(page.url), page.finalUrl));
      } catch (err) {
        notes.push(`could not render ${page.url}: ${(err as Error).message.split("\n")[0]}`);
      }
    }
  } else notes.push("JavaScript check without Chromium: pages judged by the extractor's signals only");
  const missing = html
    .map((p) => ({ page: p, share: missingShare(p, rendered.get(p.url)) }))
    .filter(
      (m) => m.share >= MISSING_SHARE && missingChars(m.page, rendered.get(m.page.url)) >= MISSING_CHARS,
    );
  if (missing.length) {
    const mean = missing.reduce((n, m) => n + m.share, 0) / Math.max(1, html.length);
    findings.push({
      category: "javascript",
      code: "js-only-content",
      severity: "error",
      message: `${missing.length} of ${html.length} sampled pages show their content only after JavaScript runs`,
      fix: "Render the content into the HTML (server-side rendering or static generation); keep JavaScript for interaction only.",
      penalty: Math.round(100 * mean),
      evidence: missing.map(({ page, share }) => ({
        url: page.url,
        detail: `${Math.round(share * 100)}% of the text missing without JavaScript (${page.textChars} chars over HTTP${rendered.has(page.url) ? ` vs ${rendered.get(page.url)} rendered` : ""})${page.jsRequired ? `; ${page.jsRequired}` : ""}`,
      })),
    });
  }
  return { findings, rendered, notes };
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
