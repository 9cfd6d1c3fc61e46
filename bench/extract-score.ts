/**
 * The article-extraction benchmark's scorer, as ../shared/bench-data/SCORING.md describes it:
 * 4-token shingles of `\w+` tokens, per-page TP/FP/FN normalised so that every page weighs the
 * same, precision and recall averaged over pages, F1 the harmonic mean of the two averages.
 * Every extractor (ours, the baseline, the installed peers, the shipped peer outputs) goes through
 * this one function.
 */

export interface PageScore {
  id: string;
  precision: number | undefined;
  recall: number | undefined;
  exact: boolean;
}

export interface Score {
  f1: number;
  precision: number;
  recall: number;
  /** Share of pages whose token sequence equals the ground truth. */
  accuracy: number;
  pages: PageScore[];
}

function shingles(text: string): Map<string, number> {
  const tokens = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const out = new Map<string, number>();
  if (tokens.length === 0) return out;
  const n = Math.min(4, tokens.length);
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(" ");
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/**
 * Scores one page's predicted text against its ground truth.
 *
 * @example scorePage("a", "one two three four", "one two three four").precision // 1
 */
export function scorePage(id: string, expected: string, predicted: string): PageScore {
  const t = shingles(expected);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, c] of p) {
    const tc = t.get(k) ?? 0;
    tp += Math.min(c, tc);
    fp += Math.max(0, c - tc);
  }
  for (const [k, c] of t) fn += Math.max(0, c - (p.get(k) ?? 0));
  const sum = tp + fp + fn;
  if (sum > 0) {
    tp /= sum;
    fp /= sum;
    fn /= sum;
  }
  const tokens = (s: string) => (s.match(/[\p{L}\p{N}_]+/gu) ?? []).join(" ");
  const exact = tokens(expected) === tokens(predicted);
  if (fp === 0 && fn === 0) return { id, precision: 1, recall: 1, exact };
  return {
    id,
    precision: tp + fp > 0 ? tp / (tp + fp) : undefined,
    recall: tp + fn > 0 ? tp / (tp + fn) : undefined,
    exact,
  };
}

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * Scores every page id of `truth` (a missing prediction counts as the empty text).
 *
 * @example scoreAll(new Map([["a", "x y z w"]]), new Map([["a", "x y z w"]])).f1 // 1
 */
export function scoreAll(truth: Map<string, string>, predicted: Map<string, string>): Score {
  const pages = [...truth].map(([id, expected]) => scorePage(id, expected, predicted.get(id) ?? ""));
  const precision = mean(pages.flatMap((p) => (p.precision === undefined ? [] : [p.precision])));
  const recall = mean(pages.flatMap((p) => (p.recall === undefined ? [] : [p.recall])));
  return {
    f1: (2 * precision * recall) / (precision + recall || 1),
    precision,
    recall,
    accuracy: pages.filter((p) => p.exact).length / Math.max(1, pages.length),
    pages,
  };
}
