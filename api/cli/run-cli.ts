import { toErrorView } from "../ops/error-view.js";
import { VERSION } from "../version.js";
import { flagName } from "./args.js";
import type { CommandIo } from "./commands/command.js";

const HELP = `agentweb ${VERSION}: turns docs sites into clean, cited, searchable markdown for AI agents

Usage: agentweb <command> [options]

Commands:
  crawl URL       crawl a site and index its pages
  search QUERY    search the index
  serve           serve the index over HTTP (API, MCP at /mcp, hosted llms.txt)
  context Q       a cited context pack for a question, within a token budget
  page URL        a stored page as markdown (--fresh fetches it now)
  sites           list indexed sites, or delete one
  reindex         rebuild the index's vectors with another embedder, without crawling
  mcp             serve the index to an MCP client over stdio
  llms-txt        validate an llms.txt, or expand it into a context file
  publish         write llms.txt, llms-full.txt and .md twins from the index
  extract FILE|URL  clean markdown, text or JSON of pages, without indexing them

Run agentweb <command> --help for its options. Every command takes --data DIR (env AGENTWEB_DATA).
Exit codes: 0 success, 1 finished with problems, 2 could not do it.`;

type Command = (argv: string[], io: CommandIo) => Promise<number>;

/** Loaded on demand: `--version` or `search` should not pay for the crawler's start-up. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  crawl: async () => (await import("./commands/crawl.js")).crawlCommand,
  search: async () => (await import("./commands/search.js")).searchCommand,
  serve: async () => (await import("./commands/serve.js")).serveCommand,
  context: async () => (await import("./commands/context.js")).contextCommand,
  page: async () => (await import("./commands/page.js")).pageCommand,
  sites: async () => (await import("./commands/sites.js")).sitesCommand,
  reindex: async () => (await import("./commands/reindex.js")).reindexCommand,
  mcp: async () => (await import("./commands/mcp.js")).mcpCommand,
  "llms-txt": async () => (await import("./commands/llms-txt.js")).llmsTxtCommand,
  publish: async () => (await import("./commands/publish.js")).publishCommand,
  extract: async () => (await import("./commands/extract.js")).extractCommand,
  audit: async () => (await import("./commands/audit.js")).auditCommand,
};

/**
 * Runs the CLI and returns its exit code. Errors become one line on stderr through the error view
 * HTTP and MCP use too (bad input names the flag: `--mode must be one of text, vector, hybrid (got
 * "fuzzy")`), with their code; anything unexpected keeps its first line but never its stack (set
 * AGENTWEB_DEBUG=1 to see it): the user runs the CLI on their own machine.
 *
 * @example process.exitCode = await runCli(process.argv.slice(2), io);
 */
export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--version" || command === "-v") {
    io.out(VERSION);
    return 0;
  }
  if (!command || command === "--help" || command === "-h" || command === "help") {
    io.out(HELP);
    return 0;
  }
  const load = COMMANDS[command];
  if (!load) {
    io.stderr.write(
      `agentweb: unknown command '${command}' (commands: ${Object.keys(COMMANDS).join(", ")})\n`,
    );
    return 2;
  }
  if (rest.includes("--version")) {
    io.out(VERSION);
    return 0;
  }
  try {
    const run = await load();
    return await run(rest, io);
  } catch (err) {
    const view = toErrorView(err, { field: flagName });
    const message =
      view.code === "INTERNAL"
        ? `unexpected error: ${String((err as Error)?.message ?? err).split("\n")[0]}`
        : `${view.message} [${view.code}]`;
    io.stderr.write(`agentweb ${command}: ${message}\n`);
    if (io.env.AGENTWEB_DEBUG) io.stderr.write(`${(err as Error)?.stack ?? ""}\n`);
    return 2;
  }
}
