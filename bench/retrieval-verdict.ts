/**
 * The rule a ranking variant must pass to be kept, across QA sets, against the default ranking of
 * the same search mode:
 * - it raises the mean over the sets of MRR (each set weighs the same), and
 * - it costs no set more than one question: on every set, R@5 and evidence@2000 (the share of
 *   questions whose evidence sentence is in a 2,000-token context pack) each drop by at most 1/N,
 *   N being that set's number of questions.
 */

/** A variant's scores on one set, as shares of the set's `n` questions. */
export interface SetScores {
  n: number;
  r1: number;
  r5: number;
  mrr: number;
  ev2000: number;
}

export interface Verdict {
  keep: boolean;
  /** Why, in a few words: "keep", "mean MRR -0.004", "node R@5 -2 q" … */
  reason: string;
}

/**
 * Applies the rule to a variant's scores per set against the default's, both keyed by set name.
 *
 * @example verdict({ pg: v }, { pg: d }) // { keep: false, reason: "pg R@5 -2 q" }
 */
export function verdict(variant: Record<string, SetScores>, base: Record<string, SetScores>): Verdict {
  const sets = Object.keys(base);
  const costs: string[] = [];
  for (const s of sets) {
    const v = variant[s]!;
    const b = base[s]!;
    for (const [label, key] of [
      ["R@5", "r5"],
      ["ev@2000", "ev2000"],
    ] as const) {
      const lost = questionsDelta(v[key], b[key], b.n);
      if (lost < -1) costs.push(`${s} ${label} ${lost} q`);
    }
  }
  if (costs.length) return { keep: false, reason: costs.join(", ") };
  const gain = meanOf(variant, sets, "mrr") - meanOf(base, sets, "mrr");
  // Scores are sums of 1/rank over tens of questions: a difference below 1e-9 is rounding.
  if (gain <= 1e-9) return { keep: false, reason: `mean MRR ${signed(gain, 3)}` };
  return { keep: true, reason: `keep (mean MRR ${signed(gain, 3)})` };
}

/**
 * A change of share as a whole number of questions of a set of `n`.
 *
 * @example questionsDelta(0.8625, 0.875, 80) // -1
 */
export function questionsDelta(share: number, baseShare: number, n: number): number {
  return Math.round((share - baseShare) * n);
}

/** The mean of one score over the given sets. */
export function meanOf(scores: Record<string, SetScores>, sets: string[], key: keyof SetScores): number {
  return sets.reduce((sum, s) => sum + scores[s]![key], 0) / sets.length;
}

/** A number with its sign: "+0.012", "-2", "0". */
export function signed(x: number, digits = 0): string {
  const text = Math.abs(x).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return `${x < 0 ? "-" : "+"}${text}`;
}
