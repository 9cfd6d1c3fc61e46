/**
 * The score: each category starts at 100 and loses its findings' penalties (floored at 0); the
 * overall score is the weighted mean of the categories. A fix's impact is the overall points it
 * would win back — its category's weight × the penalty it removes / 100 — so the fix list is ordered by
 * what moves the score most.
 */
import type { AuditCategory, AuditCategoryId, AuditFinding, AuditFix } from "../../schemas/audit.js";

/** Weights in percent of the total (they add up to 100); README "Audit scoring" explains them. */
export const CATEGORY_WEIGHTS: Record<AuditCategoryId, { name: string; weight: number }> = {
  access: { name: "AI crawler access", weight: 20 },
  javascript: { name: "Readable without JavaScript", weight: 20 },
  "llms-txt": { name: "llms.txt and markdown", weight: 15 },
  structure: { name: "Structure and metadata", weight: 20 },
  tokens: { name: "Token weight", weight: 15 },
  sitemap: { name: "Sitemap", weight: 10 },
};

const ORDER: AuditCategoryId[] = ["access", "javascript", "llms-txt", "structure", "tokens", "sitemap"];
const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * @example const { score, categories, fixes } = scoreFindings(findings);
 */
export function scoreFindings(findings: AuditFinding[]): {
  score: number;
  categories: AuditCategory[];
  fixes: AuditFix[];
} {
  const categories = ORDER.map((id) => {
    const own = findings.filter((f) => f.category === id);
    const lost = own.reduce((n, f) => n + f.penalty, 0);
    return {
      id,
      name: CATEGORY_WEIGHTS[id].name,
      weight: CATEGORY_WEIGHTS[id].weight,
      score: Math.max(0, Math.round(100 - lost)),
      findings: own.length,
    };
  });
  const score = Math.round(categories.reduce((n, c) => n + (c.score * c.weight) / 100, 0));
  const fixes = findings
    .filter((f) => f.penalty > 0)
    .map((f) => {
      const cat = categories.find((c) => c.id === f.category)!;
      // A category cannot lose more than 100: when its penalties add up to more, each fix gets its
      // proportional share of the 100 points actually lost.
      const lost = findings.filter((g) => g.category === f.category).reduce((n, g) => n + g.penalty, 0);
      const share = lost > 100 ? 100 / lost : 1;
      const impact = Math.round(((cat.weight * f.penalty * share) / 100) * 10) / 10;
      return {
        code: f.code,
        category: f.category,
        severity: f.severity,
        fix: f.fix,
        impact,
        pages: new Set(f.evidence.map((e) => e.url)).size,
      };
    })
    .sort((a, b) => b.impact - a.impact || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  return { score, categories, fixes };
}
