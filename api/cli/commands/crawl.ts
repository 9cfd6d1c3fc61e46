import { appendFileSync, writeFileSync } from "node:fs";
import type { Config } from "../../../schemas/config.js";
import { AgentwebError } from "../../../schemas/errors.js";
import { type CrawlSummary, crawlSite } from "../../ops/crawl-site.js";
import { openIndex } from "../../ops/index-handle.js";
import { pagesPerSecond } from "../../ops/present.js";
import { parseHttpUrl } from "../../ops/url-guard.js";
import { intFlag, parseCommandArgs } from "../args.js";
import { loadConfig } from "../config-loader.js";
import { CONFIG_FLAGS, commandHelp } from "../help.js";
import { progressLine } from "../progress.js";
import type { CommandIo } from "./command.js";

export const CRAWL_HELP = commandHelp({
  usage: "agentweb crawl URL [options]",
  about:
    "Crawls a site over HTTP (same origin and path prefix as URL), extracts clean markdown, and indexes it.",
  flags: [
    CONFIG_FLAGS.data,
    CONFIG_FLAGS["max-pages"],
    CONFIG_FLAGS["max-depth"],
    CONFIG_FLAGS.include,
    CONFIG_FLAGS.exclude,
    CONFIG_FLAGS.concurrency,
    CONFIG_FLAGS["user-agent"],
    CONFIG_FLAGS.embedder,
    CONFIG_FLAGS.render,
    CONFIG_FLAGS["ignore-robots"],
    CONFIG_FLAGS["delay-ms"],
    CONFIG_FLAGS.retries,
    CONFIG_FLAGS.header,
    CONFIG_FLAGS.cookie,
    CONFIG_FLAGS.budget,
    CONFIG_FLAGS["from-llms-txt"],
    {
      flag: "--fresh",
      text: "forget the saved crawl state and start over (by default an interrupted crawl\nresumes, and a finished one is re-crawled incrementally with conditional requests)",
    },
    {
      flag: "--prune",
      text: "remove the stored pages this crawl did not reach even when it reached fewer than\nhalf of them (by default such a crawl keeps them and reports them as held)",
    },
    { flag: "--report FILE", text: "write one JSON line per URL" },
    { flag: "--json", text: "print one JSON summary object on stdout" },
    CONFIG_FLAGS.config,
  ],
  footer: `A complete crawl removes the stored pages it no longer reaches, unless it reached fewer than half
of them or found no page at all: then it keeps them (a mistyped URL or a broken site is not a site
that lost its pages) and says so; --prune removes them anyway.

Exit codes: 0 all pages stored; 1 finished with problems (pages failed, or unreached pages held);
2 could not crawl (bad usage, or the start URL cannot be fetched: nothing is changed then).`,
});

const CRAWL_OPTIONS = {
  "max-pages": { type: "string" },
  "max-depth": { type: "string" },
  include: { type: "string", multiple: true },
  exclude: { type: "string", multiple: true },
  concurrency: { type: "string" },
  "user-agent": { type: "string" },
  embedder: { type: "string" },
  report: { type: "string" },
  render: { type: "string" },
  "ignore-robots": { type: "boolean" },
  "delay-ms": { type: "string" },
  retries: { type: "string" },
  header: { type: "string", multiple: true },
  cookie: { type: "string" },
  fresh: { type: "boolean" },
  prune: { type: "boolean" },
  "from-llms-txt": { type: "boolean" },
  budget: { type: "string", multiple: true },
} as const;

type CrawlFlags = ReturnType<typeof parseCommandArgs<typeof CRAWL_OPTIONS>>["values"];

/** `agentweb crawl URL`: crawl, index, summarise. */
export async function crawlCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, CRAWL_OPTIONS);
  if (values.help) {
    io.out(CRAWL_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new AgentwebError("BAD_USAGE", "crawl takes exactly one URL (see agentweb crawl --help)");
  const url = parseHttpUrl(positionals[0]!).href;
  const config = crawlConfig(values, io);
  if (config.ignoreRobots)
    io.stderr.write("warning: ignoring robots.txt (--ignore-robots): crawl only sites you may\n");
  const report = values.report;
  if (report) writeFileSync(report, "");
  const index = await openIndex(config, { write: true, owner: "crawl" });
  const line = progressLine(io.stderr);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once("SIGINT", onSignal);
  try {
    const summary = await crawlSite(
      index,
      {
        url,
        signal: abort.signal,
        ...(values.fresh ? { fresh: true } : {}),
        ...(values.prune ? { prune: true } : {}),
      },
      {
        onProgress: (p) => line.update(p),
        ...(report ? { onRecord: (r) => appendFileSync(report, `${JSON.stringify(r)}\n`) } : {}),
      },
    );
    line.done();
    printSummary(summary, Boolean(values.json), config.data, io);
    return summary.pages.failed > 0 || summary.held > 0 ? 1 : 0;
  } finally {
    line.done();
    process.off("SIGINT", onSignal);
    await index.close();
  }
}

/** The configuration a crawl runs with: defaults < config file < environment < these flags. */
function crawlConfig(values: CrawlFlags, io: CommandIo): Config {
  return loadConfig({
    configFile: values.config,
    env: io.env,
    flags: {
      data: values.data,
      maxPages: intFlag("max-pages", values["max-pages"]),
      maxDepth: intFlag("max-depth", values["max-depth"]),
      include: values.include,
      exclude: values.exclude,
      concurrency: intFlag("concurrency", values.concurrency),
      userAgent: values["user-agent"],
      embedder: values.embedder,
      render: values.render,
      ignoreRobots: values["ignore-robots"],
      delayMs: intFlag("delay-ms", values["delay-ms"]),
      retries: intFlag("retries", values.retries),
      headers: values.header,
      cookie: values.cookie,
      fromLlmsTxt: values["from-llms-txt"],
      budgets: values.budget,
    },
  });
}

/** The crawl's summary: one JSON object with --json, else a line, the skipped and failed pages and a next step. */
function printSummary(summary: CrawlSummary, json: boolean, data: string, io: CommandIo): void {
  const { site, pages, chunks, durationMs, removed, held } = summary;
  const rate = pagesPerSecond(pages.ok + pages.skipped + pages.failed, durationMs);
  if (held > 0) {
    io.stderr.write(
      `warning: kept ${held} stored page${held === 1 ? "" : "s"} this crawl did not reach: ${summary.heldBecause}; if they are really gone, crawl again with --prune\n`,
    );
  }
  if (json) {
    const heldOut = held > 0 ? { held, heldBecause: summary.heldBecause } : {};
    io.out(JSON.stringify({ site, pages, chunks, removed, ...heldOut, durationMs, pagesPerSecond: rate }));
  } else {
    io.out(
      `site ${site}: ${pages.ok} pages stored, ${pages.skipped} skipped, ${pages.failed} failed${removed ? `, ${removed} removed (no longer on the site)` : ""}${held ? `, ${held} not reached but kept` : ""}; ${chunks} chunks in ${(durationMs / 1000).toFixed(1)}s`,
    );
    for (const s of summary.skipped) io.out(`  skipped ${s.url}: ${s.reason}`);
    for (const p of summary.problems) io.out(`  failed  ${p.url}: ${p.code} ${p.message}`);
    io.out(`search it: agentweb search "your question" --data ${data}`);
  }
}
