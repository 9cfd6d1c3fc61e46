import { describe, expect, it } from "vitest";
import type { AuditFinding } from "../../schemas/audit.js";
import { CATEGORY_WEIGHTS, scoreFindings } from "./score.js";

const finding = (category: AuditFinding["category"], code: string, penalty: number): AuditFinding => ({
  category,
  code,
  severity: "warning",
  message: code,
  fix: `fix ${code}`,
  penalty,
  evidence: [{ url: "http://127.0.0.1/" }],
});

describe("scoreFindings", () => {
  it("weights add up to 100 and no findings score 100", () => {
    expect(Object.values(CATEGORY_WEIGHTS).reduce((n, c) => n + c.weight, 0)).toBe(100);
    expect(scoreFindings([]).score).toBe(100);
  });

  it("takes penalties off the category, floors it at 0, and orders fixes by overall points won back", () => {
    const { score, categories, fixes } = scoreFindings([
      finding("sitemap", "sitemap-missing", 70),
      finding("access", "ai-search-blocked", 40),
      finding("tokens", "a", 80),
      finding("tokens", "b", 80),
    ]);
    expect(categories.find((c) => c.id === "tokens")!.score).toBe(0);
    // 100 − (20·0.4 + 10·0.7 + 15·1) = 70
    expect(score).toBe(70);
    expect(fixes.map((f) => [f.code, f.impact])).toEqual([
      ["ai-search-blocked", 8],
      ["a", 7.5],
      ["b", 7.5],
      ["sitemap-missing", 7],
    ]);
  });
});
