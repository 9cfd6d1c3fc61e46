import { describe, expect, it } from "vitest";
import { questionsDelta, type SetScores, signed, verdict } from "./retrieval-verdict.js";

const scores = (n: number, r5q: number, evq: number, mrr: number): SetScores => ({
  n,
  r1: 0,
  r5: r5q / n,
  mrr,
  ev2000: evq / n,
});

describe("variant verdict", () => {
  const base = { pg: scores(80, 70, 64, 0.75), node: scores(50, 45, 34, 0.79) };

  it("keeps a variant that raises mean MRR and costs each set at most one question", () => {
    const v = { pg: scores(80, 69, 63, 0.77), node: scores(50, 45, 35, 0.79) };
    expect(verdict(v, base)).toEqual({ keep: true, reason: "keep (mean MRR +0.010)" });
  });

  it("drops a variant that costs one set two questions of R@5, whatever the mean", () => {
    const v = { pg: scores(80, 78, 70, 0.9), node: scores(50, 43, 34, 0.79) };
    expect(verdict(v, base)).toEqual({ keep: false, reason: "node R@5 -2 q" });
  });

  it("drops a variant that costs one set two questions of evidence@2000", () => {
    const v = { pg: scores(80, 70, 62, 0.8), node: scores(50, 45, 34, 0.79) };
    expect(verdict(v, base).reason).toBe("pg ev@2000 -2 q");
  });

  it("drops a variant that does not raise the mean", () => {
    expect(verdict(base, base)).toEqual({ keep: false, reason: "mean MRR 0.000" });
    const v = { pg: scores(80, 71, 65, 0.76), node: scores(50, 45, 34, 0.77) };
    expect(verdict(v, base)).toEqual({ keep: false, reason: "mean MRR -0.005" });
  });

  it("counts changes in whole questions of each set", () => {
    expect(questionsDelta(69 / 80, 70 / 80, 80)).toBe(-1);
    expect(questionsDelta(0.9, 0.86, 50)).toBe(2);
    expect(signed(-2)).toBe("-2");
    expect(signed(0.0004, 3)).toBe("0.000");
    expect(signed(0.012, 3)).toBe("+0.012");
  });
});
