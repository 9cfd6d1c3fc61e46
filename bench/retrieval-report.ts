/**
 * The retrieval bench's tables: one per set, and the mean over the sets measured (each set weighs
 * the same, whatever its number of questions; latency percentiles are over every question pooled).
 */
import { BUDGETS, type RunScores } from "./retrieval-measure.js";
import { percentile, printTable } from "./stats.js";

export type Row = Record<string, string | number>;

/**
 * One table row per run.
 *
 * @example printRows("postgres (80 questions)", runs.map(runRow));
 */
export function runRow(r: RunScores): Row {
  const row: Row = { run: r.run, "R@1": f3(r.r1), "R@5": f3(r.r5), MRR: f3(r.mrr) };
  for (const b of BUDGETS) row[`ev@${b}`] = r.evidence ? f3(r.evidence[b]!) : "—";
  row["search p50 ms"] = percentile(r.searchMs, 50).toFixed(1);
  row["search p95 ms"] = percentile(r.searchMs, 95).toFixed(1);
  row["context p50 ms"] = r.contextMs ? percentile(r.contextMs, 50).toFixed(1) : "—";
  return row;
}

/**
 * The mean of each run over the sets that measured it.
 *
 * @example const mean = meanRuns([pgRuns, nodeRuns, pyRuns]);
 */
export function meanRuns(perSet: RunScores[][]): RunScores[] {
  const names = [...new Set(perSet.flatMap((runs) => runs.map((r) => r.run)))];
  return names.map((run) => {
    const rs = perSet.map((runs) => runs.find((r) => r.run === run)).filter((r) => r !== undefined);
    const mean = (f: (r: RunScores) => number) => rs.reduce((s, r) => s + f(r), 0) / rs.length;
    const withPacks = rs.filter((r) => r.evidence);
    return {
      run,
      r1: mean((r) => r.r1),
      r5: mean((r) => r.r5),
      mrr: mean((r) => r.mrr),
      ...(withPacks.length === rs.length
        ? {
            evidence: Object.fromEntries(BUDGETS.map((b) => [b, mean((r) => r.evidence![b]!)])),
            contextMs: rs.flatMap((r) => r.contextMs ?? []),
          }
        : {}),
      searchMs: rs.flatMap((r) => r.searchMs),
    };
  });
}

/**
 * Prints a table aligned for a terminal, or as a markdown table.
 *
 * @example printRows("mean over 3 sets", rows, true);
 */
export function printRows(title: string, rows: Row[], markdown = false): void {
  if (!markdown) {
    printTable(title, rows);
    return;
  }
  console.log(`\n${title}\n`);
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  console.log(`| ${cols.join(" | ")} |`);
  console.log(`|${cols.map(() => "---").join("|")}|`);
  for (const r of rows) console.log(`| ${cols.map((c) => String(r[c])).join(" | ")} |`);
}

export function f3(x: number): string {
  return x.toFixed(3);
}
