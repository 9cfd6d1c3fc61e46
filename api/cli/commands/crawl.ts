import { appendFileSync, writeFileSync } from "node:fs";
import { AgentwebError } from "../../../schemas/errors.js";
import { crawlSite } from "../../ops/crawl-site.js";
import { openIndex } from "../../ops/index-handle.js";
import { pagesPerSecond } from "../../ops/present.js";
import { parseHttpUrl } from "../../ops/url-guard.js";
import { intFlag, parseCommandArgs } from "../args.js";
import { loadConfig } from "../config-loader.js";
import { progressLine } from "../progress.js";
import type { CommandIo } from "./command.js";

export const CRAWL_HELP = `Usage: agentweb crawl URL [options]

Crawls a site over HTTP (same origin and path prefix as URL), extracts clean markdown, and indexes it.

Options:
  --data DIR         data directory (env AGENTWEB_DATA, default ./.agentweb)
  --max-pages N      stop after N pages (default 1000)
  --max-depth N      follow links at most N hops from URL (default 20)
  --include GLOB     only crawl URLs matching GLOB (repeatable; matched against the full URL)
  --exclude GLOB     never crawl URLs matching GLOB (repeatable)
  --concurrency N    parallel requests (default 4)
  --user-agent UA    the User-Agent sent (default identifies agentweb)
  --embedder NAME    bundled (default) or none (full-text search only)
  --render MODE      auto (default: Chromium only for pages that need JavaScript), never, always
  --ignore-robots    do not obey robots.txt (prints a warning; only for sites you may crawl regardless)
  --delay-ms N       minimum ms between requests to the host (default 250; Crawl-delay may raise it)
  --retries N        extra attempts for timeouts, resets, 5xx and 429 (default 2)
  --header 'N: V'    send this header to the site's own origin only (repeatable; docs behind a login)
  --cookie 'a=b'     send this Cookie to the site's own origin only
  --budget P=N       at most N pages under path prefix P, e.g. /docs/api/=100 (repeatable)
  --from-llms-txt    also seed the crawl with the links of the site's llms.txt
  --fresh            forget the saved crawl state and start over (by default an interrupted crawl
                     resumes, and a finished one is re-crawled incrementally with conditional requests)
  --prune            remove the stored pages this crawl did not reach even when it reached fewer than
                     half of them (by default such a crawl keeps them and reports them as held)
  --report FILE      write one JSON line per URL
  --json             print one JSON summary object on stdout
  --config FILE      JSON config file (default ./agentweb.config.json when present)

A complete crawl removes the stored pages it no longer reaches, unless it reached fewer than half
of them or found no page at all: then it keeps them (a mistyped URL or a broken site is not a site
that lost its pages) and says so; --prune removes them anyway.

Exit codes: 0 all pages stored; 1 finished with problems (pages failed, or unreached pages held);
2 could not crawl (bad usage, or the start URL cannot be fetched: nothing is changed then).`;

/** `agentweb crawl URL`: crawl, index, summarise. */
export async function crawlCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
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
  });
  if (values.help) {
    io.out(CRAWL_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new AgentwebError("BAD_USAGE", "crawl takes exactly one URL (see agentweb crawl --help)");
  const url = parseHttpUrl(positionals[0]!).href;
  const config = loadConfig({
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
    const { site, pages, chunks, durationMs, removed, held } = summary;
    const rate = pagesPerSecond(pages.ok + pages.skipped + pages.failed, durationMs);
    if (held > 0) {
      io.stderr.write(
        `warning: kept ${held} stored page${held === 1 ? "" : "s"} this crawl did not reach: ${summary.heldBecause}; if they are really gone, crawl again with --prune\n`,
      );
    }
    if (values.json) {
      const heldOut = held > 0 ? { held, heldBecause: summary.heldBecause } : {};
      io.out(JSON.stringify({ site, pages, chunks, removed, ...heldOut, durationMs, pagesPerSecond: rate }));
    } else {
      io.out(
        `site ${site}: ${pages.ok} pages stored, ${pages.skipped} skipped, ${pages.failed} failed${removed ? `, ${removed} removed (no longer on the site)` : ""}${held ? `, ${held} not reached but kept` : ""}; ${chunks} chunks in ${(durationMs / 1000).toFixed(1)}s`,
      );
      for (const s of summary.skipped) io.out(`  skipped ${s.url}: ${s.reason}`);
      for (const p of summary.problems) io.out(`  failed  ${p.url}: ${p.code} ${p.message}`);
      io.out(`search it: agentweb search "your question" --data ${config.data}`);
    }
    return pages.failed > 0 || held > 0 ? 1 : 0;
  } finally {
    line.done();
    process.off("SIGINT", onSignal);
    await index.close();
  }
}
