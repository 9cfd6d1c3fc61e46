/**
 * Extraction speed and quality on Scrapinghub's article-extraction benchmark (181 pages):
 *
 *   npx tsx bench/extract.ts [--limit N]
 *
 * Runs agentweb's extractPage and a baseline (plain Readability on jsdom + turndown) over the same
 * pages in one process, and prints pages/s, peak RSS and word-level F1 (4-token shingles, see
 * ../shared/bench-data/SCORING.md). Both outputs are scored as plain text (markdown syntax
 * stripped). Peak RSS is sampled during each run; the baseline runs second so its peak includes
 * whatever the first run left on the heap.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Readability } from "@mozilla/readability";
import { JSDOM, VirtualConsole } from "jsdom";
import TurndownService from "turndown";
import { extractPage } from "../crawler/extract/extract-page.js";
import { markdownToPlainText } from "../crawler/markdown/plain-text.js";

const DATA = join(import.meta.dirname, "../../shared/bench-data/aeb");
const limitArg = process.argv.indexOf("--limit");
const limit = limitArg > 0 ? Number(process.argv[limitArg + 1]) : Number.POSITIVE_INFINITY;

interface Truth {
  articleBody: string;
  url: string;
}
const truth = JSON.parse(readFileSync(join(DATA, "ground-truth.json"), "utf8")) as Record<string, Truth>;
const pages = readdirSync(join(DATA, "html"))
  .filter((f) => f.endsWith(".html.gz"))
  .sort()
  .slice(0, limit)
  .map((f) => {
    const id = f.replace(/\.html\.gz$/, "");
    return {
      id,
      html: gunzipSync(readFileSync(join(DATA, "html", f))).toString("utf8"),
      url: truth[id]?.url ?? "https://example.test/",
    };
  });

function shingles(text: string): Map<string, number> {
  const tokens = text.match(/\w+/gu) ?? [];
  const out = new Map<string, number>();
  if (tokens.length === 0) return out;
  const n = Math.min(4, tokens.length);
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(" ");
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function score(outputs: Map<string, string>): {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
} {
  const precisions: number[] = [];
  const recalls: number[] = [];
  let exact = 0;
  for (const { id } of pages) {
    const expected = truth[id]?.articleBody ?? "";
    const predicted = outputs.get(id) ?? "";
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
    if (fp === 0 && fn === 0) {
      precisions.push(1);
      recalls.push(1);
    } else {
      if (tp + fp > 0) precisions.push(tp / (tp + fp));
      if (tp + fn > 0) recalls.push(tp / (tp + fn));
    }
    const et = (expected.match(/\w+/gu) ?? []).join(" ");
    const pt = (predicted.match(/\w+/gu) ?? []).join(" ");
    if (et === pt) exact++;
  }
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const precision = mean(precisions);
  const recall = mean(recalls);
  return {
    f1: (2 * precision * recall) / (precision + recall || 1),
    precision,
    recall,
    accuracy: exact / pages.length,
  };
}

function baseline(html: string, url: string): string {
  const load = (markup: string) => new JSDOM(markup, { url, virtualConsole: new VirtualConsole() });
  let dom: JSDOM;
  try {
    dom = load(html);
  } catch {
    dom = load(html.replace(/<style[\s\S]*?<\/style>/gi, ""));
  }
  try {
    const article = new Readability(dom.window.document).parse();
    const md = article?.content
      ? new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced" }).turndown(article.content)
      : "";
    return markdownToPlainText(md);
  } finally {
    dom.window.close();
  }
}

function run(name: string, fn: (html: string, url: string) => string): void {
  if (global.gc) global.gc();
  let peak = process.memoryUsage().rss;
  const outputs = new Map<string, string>();
  const start = performance.now();
  let failures = 0;
  for (const page of pages) {
    try {
      outputs.set(page.id, fn(page.html, page.url));
    } catch {
      failures++;
      outputs.set(page.id, "");
    }
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - start) / 1000;
  const s = score(outputs);
  console.log(
    `${name.padEnd(34)} ${(pages.length / seconds).toFixed(1).padStart(6)} pages/s  ${seconds.toFixed(1).padStart(6)} s  peak RSS ${(peak / 2 ** 20).toFixed(0).padStart(5)} MB  F1 ${s.f1.toFixed(3)}  P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  exact ${(s.accuracy * 100).toFixed(1)}%  errors ${failures}`,
  );
}

console.log(`${pages.length} pages from ${DATA}`);
run("agentweb extractPage (linkedom)", (html, url) => markdownToPlainText(extractPage(html, url).markdown));
run("baseline Readability+jsdom+turndown", baseline);
