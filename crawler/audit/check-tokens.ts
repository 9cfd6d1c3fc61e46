/**
 * Token weight: what an agent pays to read a page as HTML versus as clean markdown. A page whose
 * HTML is mostly chrome (noise ratio above 90%) wastes an agent's context window unless a markdown
 * version exists; a page whose clean markdown alone is huge does not fit one.
 */
import type { AuditFinding } from "../../schemas/audit.js";
import type { PageFacts } from "./page-facts.js";

/** Above this share of non-content tokens a page is "noisy". */
const NOISY = 0.9;
/** Clean markdown above this many tokens is a heavy page for an agent. */
const HEAVY_MARKDOWN = 20_000;

/**
 * 1 − markdown/HTML tokens, 0 for a page without HTML.
 *
 * @example noiseRatio({ htmlTokens: 1000, markdownTokens: 50 }) // 0.95
 */
export function noiseRatio(p: Pick<PageFacts, "htmlTokens" | "markdownTokens">): number {
  if (p.htmlTokens === 0) return 0;
  return Math.max(0, Math.min(1, 1 - p.markdownTokens / p.htmlTokens));
}

/**
 * @example const findings = checkTokens(pages);
 */
export function checkTokens(pages: PageFacts[]): AuditFinding[] {
  const findings: AuditFinding[] = [];
  // Pages without content (JS-only, errors) are the JavaScript check's findings, not noise.
  const withContent = pages.filter((p) => p.html && p.markdownTokens > 0);
  if (!withContent.length) return findings;
  const noisy = withContent.filter((p) => noiseRatio(p) > NOISY);
  if (noisy.length) {
    findings.push({
      category: "tokens",
      code: "heavy-noise",
      severity: "warning",
      message: `${noisy.length} of ${withContent.length} pages are over ${NOISY * 100}% markup and chrome: an agent reading the HTML pays for that`,
      fix: "Trim inline scripts, styles and repeated navigation from the HTML, or offer a markdown version (.md twin) agents can read instead.",
      penalty: Math.round(70 * (noisy.length / withContent.length)),
      evidence: noisy.map((p) => ({
        url: p.url,
        detail: `${p.htmlTokens} HTML tokens for ${p.markdownTokens} content tokens (${Math.round(noiseRatio(p) * 100)}% noise)`,
      })),
    });
  }
  const heavy = withContent.filter((p) => p.markdownTokens > HEAVY_MARKDOWN);
  if (heavy.length) {
    findings.push({
      category: "tokens",
      code: "heavy-page",
      severity: "info",
      message: `${heavy.length} pages hold over ${HEAVY_MARKDOWN} tokens of content each`,
      fix: "Split very long pages by topic so an agent can load the part it needs.",
      penalty: Math.round(30 * (heavy.length / withContent.length)),
      evidence: heavy.map((p) => ({ url: p.url, detail: `${p.markdownTokens} markdown tokens` })),
    });
  }
  return findings;
}
