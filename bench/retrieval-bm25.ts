import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";

/**
 * The sets' baseline, as the PostgreSQL set's README defines it: page-level BM25 (k1 1.2, b 0.75,
 * idf ln(1 + (N - df + 0.5) / (df + 0.5))) over lowercase `\w+` tokens of each page's visible text
 * (script, style, navheader and navfooter dropped), query terms deduplicated, ties by path. The
 * Node and Python sets name no baseline; the same one is run on their corpus pages.
 *
 * @example const rank = bm25Baseline(htmlDir, paths); rank("why is my index not used") // ["indexes-examine.html", …]
 */
export function bm25Baseline(htmlDir: string, paths: string[]): (query: string) => string[] {
  const files = [...paths].sort();
  const docs = files.map((file) =>
    termCounts(tokens(visibleText(readFileSync(join(htmlDir, file), "utf8")))),
  );
  const lengths = docs.map((d) => d.total);
  const avg = lengths.reduce((a, b) => a + b, 0) / docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.counts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const N = docs.length;
  return (query) => {
    const terms = [...new Set(tokens(query))];
    const scores = docs.map((d, i) => {
      let s = 0;
      for (const t of terms) {
        const tf = d.counts.get(t);
        if (!tf) continue;
        const n = df.get(t) ?? 0;
        const idf = Math.log(1 + (N - n + 0.5) / (n + 0.5));
        s += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * lengths[i]!) / avg));
      }
      return { file: files[i]!, s };
    });
    return scores
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s || (a.file < b.file ? -1 : 1))
      .slice(0, 10)
      .map((x) => x.file);
  };
}

function visibleText(html: string): string {
  const { document } = parseHTML(html);
  for (const el of document.querySelectorAll("script, style, div.navheader, div.navfooter")) el.remove();
  return document.documentElement?.textContent ?? "";
}

function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

function termCounts(list: string[]): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  for (const t of list) counts.set(t, (counts.get(t) ?? 0) + 1);
  return { counts, total: list.length };
}
