/**
 * Extraction speed and quality on Scrapinghub's article-extraction benchmark (181 pages):
 *
 *   npx tsx bench/extract.ts [--limit N] [--only agentweb,baseline,linkedom,defuddle,mdream]
 *
 * Runs agentweb's extractPage, the baseline (Readability on jsdom + turndown), Readability on
 * linkedom, and — when installed — defuddle and mdream over the same pages in one process, then
 * scores them and the peers' shipped outputs with one scorer (bench/extract-score.ts, as
 * ../shared/bench-data/SCORING.md says: Unicode word tokens, 4-token shingles). Every markdown
 * output is scored as its main text (markdownToMainText: syntax, title heading and images out),
 * agentweb's as the `text` field of `extract --json`, which is the same function.
 */
import { Readability } from "@mozilla/readability";
import { JSDOM, VirtualConsole } from "jsdom";
import { parseHTML } from "linkedom";
import TurndownService from "turndown";
import { extractPage } from "../crawler/extract/extract-page.js";
import { markdownToMainText, markdownToPlainText } from "../crawler/markdown/plain-text.js";
import { type AebPage, loadAeb, loadPeerOutputs } from "./extract-aeb.js";
import { type Score, scoreAll } from "./extract-score.js";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const limit = Number(arg("--limit") ?? Number.POSITIVE_INFINITY);
const only = arg("--only")?.split(",");
const { pages, truth } = loadAeb(limit);

type Extractor = (page: AebPage) => string | Promise<string>;

function turndownText(html: string): string {
  return markdownToMainText(
    new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced" }).turndown(html),
  );
}

/** The baseline: Readability on jsdom (style stripped when jsdom's CSS parser throws) + turndown. */
const baseline: Extractor = ({ html, url }) => {
  const load = (markup: string) => new JSDOM(markup, { url, virtualConsole: new VirtualConsole() });
  let dom: JSDOM;
  try {
    dom = load(html);
  } catch {
    dom = load(html.replace(/<style[\s\S]*?<\/style>/gi, ""));
  }
  try {
    const article = new Readability(dom.window.document).parse();
    return article?.content ? turndownText(article.content) : "";
  } finally {
    dom.window.close();
  }
};

/** Readability on linkedom, its textContent (how the published Readability.js figure is made). */
const readabilityLinkedom: Extractor = ({ html }) => {
  const { document } = parseHTML(html) as unknown as { document: Document };
  return new Readability(document).parse()?.textContent ?? "";
};

async function optionalPeers(): Promise<Record<string, Extractor>> {
  const out: Record<string, Extractor> = {};
  try {
    const { Defuddle } = (await import("defuddle/node")) as typeof import("defuddle/node");
    out["defuddle 0.19.4 (linkedom, markdown)"] = async ({ html, url }) => {
      const { document } = parseHTML(html) as unknown as { document: Document };
      // defuddle prints every malformed JSON-LD block with a stack trace: keep the table readable.
      const error = console.error;
      console.error = () => {};
      try {
        const r = await Defuddle(document, url, { markdown: true });
        return markdownToMainText(r.content ?? "");
      } finally {
        console.error = error;
      }
    };
  } catch (err) {
    console.log(`defuddle not available: ${(err as Error).message.split("\n")[0]}`);
  }
  try {
    // mdream's native binding is an optional dependency that npm skips on Node 20 (engines >= 22):
    // it is not a devDependency (its lock entry broke `npm ci`): `npm i --no-save mdream@1.7.2
    // @mdream/rust-linux-x64-gnu@1.7.2` installs it for this comparison.
    const mdreamModule = "mdream";
    const { htmlToMarkdown } = (await import(mdreamModule)) as {
      htmlToMarkdown: (html: string, options?: { minimal?: boolean; origin?: string }) => string;
    };
    htmlToMarkdown("<p>probe</p>");
    out["mdream 1.7.2 (minimal preset)"] = ({ html, url }) =>
      markdownToMainText(htmlToMarkdown(html, { minimal: true, origin: new URL(url).origin }));
  } catch (err) {
    console.log(`mdream not available: ${(err as Error).message.split("\n")[0]}`);
  }
  return out;
}

function line(
  name: string,
  s: Score,
  speed?: { pagesPerSecond: number; peakMb: number; errors: number },
): string {
  const perf = speed
    ? `${speed.pagesPerSecond.toFixed(1).padStart(6)} pages/s  peak RSS ${speed.peakMb.toFixed(0).padStart(5)} MB  errors ${speed.errors}`
    : "   (shipped output)";
  return `${name.padEnd(40)} F1 ${s.f1.toFixed(3)}  P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  exact ${(s.accuracy * 100).toFixed(1).padStart(4)}%  ${perf}`;
}

async function run(name: string, fn: Extractor, alsoScore?: (page: AebPage) => string): Promise<void> {
  if (global.gc) global.gc();
  let peak = process.memoryUsage().rss;
  const outputs = new Map<string, string>();
  let errors = 0;
  const start = performance.now();
  for (const page of pages) {
    try {
      outputs.set(page.id, await fn(page));
    } catch {
      errors++;
      outputs.set(page.id, "");
    }
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(
    line(name, scoreAll(truth, outputs), {
      pagesPerSecond: pages.length / seconds,
      peakMb: peak / 2 ** 20,
      errors,
    }),
  );
  if (alsoScore) {
    const extra = new Map(pages.map((p) => [p.id, alsoScore(p)]));
    console.log(line(`${name} [markdown as plain text]`, scoreAll(truth, extra)));
  }
}

console.log(`${pages.length} pages; scored as SCORING.md says (Unicode \\w tokens, 4-shingles)`);
const markdownById = new Map<string, string>();
const wanted = (key: string) => !only || only.some((o) => key.toLowerCase().includes(o));
if (wanted("agentweb"))
  await run(
    "agentweb extractPage (text field)",
    (p) => {
      const page = extractPage(p.html, p.url);
      markdownById.set(p.id, page.markdown);
      return page.text ?? "";
    },
    (p) => markdownToPlainText(markdownById.get(p.id) ?? ""),
  );
if (wanted("baseline")) await run("baseline Readability+jsdom+turndown", baseline);
if (wanted("linkedom")) await run("Readability+linkedom (textContent)", readabilityLinkedom);
for (const [name, fn] of Object.entries(await optionalPeers())) if (wanted(name)) await run(name, fn);
const pageIds = new Set(pages.map((p) => p.id));
for (const [name, outputs] of loadPeerOutputs()) {
  const subset = new Map([...truth].filter(([id]) => pageIds.has(id)));
  console.log(line(`${name} (published output)`, scoreAll(subset, outputs)));
}
