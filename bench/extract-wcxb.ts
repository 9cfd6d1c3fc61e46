/**
 * Extraction quality on WCXB's development split (../shared/bench-data/wcxb, 1,497 pages, 7 types):
 *
 *   npx tsx bench/extract-wcxb.ts [--limit N] [--type documentation] [--dump per-page.tsv]
 *
 * Scored as ../shared/bench-data/SCORING.md says for WCXB: lower-cased `\w+` tokens as a bag,
 * per-page precision, recall and F1, each averaged over pages, overall and per page type. The text
 * scored is agentweb's `text` field (the main text of the markdown, as `extract --json` gives it).
 * Pages are split by domain into a tuning part and a check part (a stable hash of the host), both
 * reported, so a rule that helps only one half shows.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { extractPage } from "../crawler/extract/extract-page.js";

const WCXB_DIR = join(import.meta.dirname, "../../shared/bench-data/wcxb/dev");

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

interface WcxbPage {
  id: string;
  type: string;
  url: string;
  half: "tune" | "check";
}

function loadIndex(): WcxbPage[] {
  const lines = readFileSync(join(WCXB_DIR, "../index.tsv"), "utf8").trim().split("\n").slice(1);
  return lines.map((line) => {
    const [id = "", rawType = "", url = ""] = line.split("\t");
    const type = rawType === "category" ? "collection" : rawType;
    let host = url;
    try {
      host = new URL(url).hostname.replace(/^www\./, "");
    } catch {}
    const half = createHash("sha1").update(host).digest()[0]! % 2 === 0 ? "tune" : "check";
    return { id, type, url, half };
  });
}

function truthOf(id: string): string {
  const json = JSON.parse(readFileSync(join(WCXB_DIR, "ground-truth", `${id}.json`), "utf8")) as {
    ground_truth?: { main_content?: string };
  };
  return json.ground_truth?.main_content ?? "";
}

function bag(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []) out.set(t, (out.get(t) ?? 0) + 1);
  return out;
}

interface PageScore {
  precision: number;
  recall: number;
  f1: number;
}

/** One page's bag-of-words precision, recall and F1 (SCORING.md's empty-text conventions). */
function scoreWords(expected: string, predicted: string): PageScore {
  const t = bag(expected);
  const p = bag(predicted);
  const size = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const nt = size(t);
  const np = size(p);
  if (nt === 0) return np === 0 ? { precision: 1, recall: 1, f1: 1 } : { precision: 0, recall: 0, f1: 0 };
  if (np === 0) return { precision: 0, recall: 0, f1: 0 };
  let overlap = 0;
  for (const [k, c] of p) overlap += Math.min(c, t.get(k) ?? 0);
  const precision = overlap / np;
  const recall = overlap / nt;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function row(name: string, scores: PageScore[]): string {
  return `${name.padEnd(12)} n ${String(scores.length).padStart(4)}  F1 ${mean(scores.map((s) => s.f1)).toFixed(4)}  P ${mean(scores.map((s) => s.precision)).toFixed(4)}  R ${mean(scores.map((s) => s.recall)).toFixed(4)}`;
}

const limit = Number(arg("--limit") ?? Number.POSITIVE_INFINITY);
const onlyType = arg("--type");
const dump = arg("--dump");
const pages = loadIndex()
  .filter((p) => !onlyType || p.type === onlyType)
  .slice(0, limit);
const results: Array<WcxbPage & PageScore & { ms: number; source: string; widened: string }> = [];
let extractMs = 0;
const cpuStart = process.cpuUsage();
for (const page of pages) {
  const html = gunzipSync(readFileSync(join(WCXB_DIR, "html", `${page.id}.html.gz`))).toString("utf8");
  const start = performance.now();
  const extracted = extractPage(html, page.url);
  const ms = performance.now() - start;
  extractMs += ms;
  const score = scoreWords(truthOf(page.id), extracted.text ?? "");
  const widened = extracted.removed.find((r) => r.reason.startsWith("widened:"))?.target ?? "";
  results.push({ ...page, ...score, ms, source: extracted.contentSource ?? "", widened });
}
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000 / Math.max(1, results.length);
console.log(
  `WCXB dev: ${results.length} pages, extraction ${(extractMs / results.length).toFixed(1)} ms/page wall, ${cpuMs.toFixed(1)} ms/page CPU (reading and scoring included)`,
);
console.log(row("all", results));
for (const type of [...new Set(results.map((r) => r.type))].sort())
  console.log(
    row(
      type,
      results.filter((r) => r.type === type),
    ),
  );
for (const half of ["tune", "check"] as const)
  console.log(
    row(
      `[${half}]`,
      results.filter((r) => r.half === half),
    ),
  );
if (dump) {
  const lines = results.map((r) =>
    [
      r.id,
      r.type,
      r.half,
      r.f1.toFixed(4),
      r.precision.toFixed(4),
      r.recall.toFixed(4),
      r.ms.toFixed(0),
      r.source,
      r.widened,
      r.url,
    ].join("\t"),
  );
  writeFileSync(
    dump,
    `${["id", "type", "half", "f1", "p", "r", "ms", "source", "widened", "url"].join("\t")}\n${lines.join("\n")}\n`,
  );
}
