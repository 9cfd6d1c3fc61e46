import { toErrorView } from "../ops/error-view.js";
import { VERSION } from "../version.js";
import { flagName } from "./args.js";
import type { CommandIo } from "./commands/command.js";

type Command = (argv: string[], io: CommandIo) => Promise<number>;

/** A command: how it is called, what it does (one line), and its module, loaded on demand. */
interface CommandEntry {
  args: string;
  summary: string;
  load: () => Promise<Command>;
}

/** Every command, in the order the top-level help lists them; `--version` or `search` should not pay for the crawler's start-up. */
const COMMANDS: Record<string, CommandEntry> = {
  crawl: {
    args: "URL",
    summary: "crawl a site and index its pages",
    load: async () => (await import("./commands/crawl.js")).crawlCommand,
  },
  search: {
    args: "QUERY",
    summary: "search the index",
    load: async () => (await import("./commands/search.js")).searchCommand,
  },
  context: {
    args: "Q",
    summary: "a cited context pack for a question, within a token budget",
    load: async () => (await import("./commands/context.js")).contextCommand,
  },
  page: {
    args: "URL",
    summary: "a stored page as markdown (--fresh fetches it now)",
    load: async () => (await import("./commands/page.js")).pageCommand,
  },
  serve: {
    args: "",
    summary: "serve the index over HTTP (API, MCP at /mcp, hosted llms.txt)",
    load: async () => (await import("./commands/serve.js")).serveCommand,
  },
  mcp: {
    args: "",
    summary: "serve the index to an MCP client over stdio",
    load: async () => (await import("./commands/mcp.js")).mcpCommand,
  },
  sites: {
    args: "",
    summary: "list indexed sites, or delete one",
    load: async () => (await import("./commands/sites.js")).sitesCommand,
  },
  reindex: {
    args: "",
    summary: "rebuild the index's vectors with another embedder, without crawling",
    load: async () => (await import("./commands/reindex.js")).reindexCommand,
  },
  publish: {
    args: "",
    summary: "write llms.txt, llms-full.txt and .md twins from the index",
    load: async () => (await import("./commands/publish.js")).publishCommand,
  },
  "llms-txt": {
    args: "",
    summary: "validate an llms.txt, or expand it into a context file",
    load: async () => (await import("./commands/llms-txt.js")).llmsTxtCommand,
  },
  extract: {
    args: "FILE|URL",
    summary: "clean markdown, text or JSON of pages, without indexing them",
    load: async () => (await import("./commands/extract.js")).extractCommand,
  },
  audit: {
    args: "URL",
    summary: "score how ready a site is for AI agents, with a fix list",
    load: async () => (await import("./commands/audit.js")).auditCommand,
  },
};

/** The commands' names, as typed. */
export const COMMAND_NAMES = Object.keys(COMMANDS);

/** The top-level help, from the command table: every command is listed. */
function topLevelHelp(): string {
  const calls = Object.entries(COMMANDS).map(([name, c]) => (c.args ? `${name} ${c.args}` : name));
  const width = Math.max(...calls.map((call) => call.length)) + 2;
  const lines = Object.values(COMMANDS).map((c, i) => `  ${calls[i]!.padEnd(width)}${c.summary}`);
  return `agentweb ${VERSION}: turns docs sites into clean, cited, searchable markdown for AI agents

Usage: agentweb <command> [options]

Commands:
${lines.join("\n")}

Run agentweb <command> --help for its options. Every command that reads the index takes --data DIR
(env AGENTWEB_DATA). Exit codes: 0 success, 1 finished with problems, 2 could not do it.`;
}

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
    io.out(topLevelHelp());
    return 0;
  }
  const load = COMMANDS[command]?.load;
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
