import { AgentwebError, isAgentwebError } from "../../../schemas/errors.js";
import { type ExtractedDocument, extractDocument } from "../../ops/extract-document.js";
import { intFlag, parseCommandArgs } from "../args.js";
import { commandHelp, configDefault } from "../help.js";
import type { CommandIo } from "./command.js";

export const EXTRACT_HELP = commandHelp({
  usage: "agentweb extract FILE|URL... [options]",
  about: `Turns HTML pages (local files or http(s) URLs) into clean markdown: main content only, navigation
and hidden text removed, code, tables and headings kept.`,
  flags: [
    { flag: "--base-url URL", text: "resolve relative links against URL (default: the page's own URL)" },
    { flag: "--format FORMAT", text: "markdown (default), text (main text, no title or images), or json" },
    {
      flag: "--json",
      text: 'same as --format json: one JSON object per line\n{"input","url","title","markdown","text","tokens":{"html","markdown"},"removed":[…],…}',
    },
    { flag: "--timeout-ms N", text: "per-URL fetch timeout", default: configDefault("requestTimeoutMs") },
  ],
  footer: `With several inputs the output is always one JSON object per line; an input that fails gives
{"input","error":{"code","message"}}.
Exit codes: 0 all extracted; 1 some inputs failed; 2 could not do it (bad usage, the only input unreadable).`,
});

const FORMATS = ["markdown", "text", "json"] as const;
type Format = (typeof FORMATS)[number];

function errorLine(input: string, err: unknown): string {
  const code = isAgentwebError(err) ? err.code : "INTERNAL";
  const message = err instanceof Error ? err.message : String(err);
  return JSON.stringify({ input, error: { code, message } });
}

function render(doc: ExtractedDocument, format: Format): string {
  if (format === "json") return JSON.stringify(doc);
  const body = format === "text" ? doc.text : doc.markdown;
  return body.replace(/\n$/, "");
}

/** `agentweb extract FILE|URL...`: print markdown, text or JSON lines. */
export async function extractCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    "base-url": { type: "string" },
    format: { type: "string" },
    "timeout-ms": { type: "string" },
  });
  if (values.help) {
    io.out(EXTRACT_HELP);
    return 0;
  }
  if (positionals.length === 0)
    throw new AgentwebError("BAD_USAGE", "extract needs a FILE or URL (see agentweb extract --help)");
  const requested = values.json ? "json" : (values.format ?? "markdown");
  if (!FORMATS.includes(requested as Format)) {
    throw new AgentwebError("BAD_USAGE", `--format takes markdown, text or json (got ${requested})`);
  }
  const several = positionals.length > 1;
  const format: Format = several ? "json" : (requested as Format);
  const options = { baseUrl: values["base-url"], timeoutMs: intFlag("timeout-ms", values["timeout-ms"]) };
  if (!several) {
    // One input: its failure is "could not do it" (exit 2, one line on stderr via runCli).
    io.out(render(await extractDocument(positionals[0]!, options), format));
    return 0;
  }
  let failed = 0;
  for (const input of positionals) {
    try {
      io.out(render(await extractDocument(input, options), format));
    } catch (err) {
      if (isAgentwebError(err) && err.code === "BAD_USAGE") throw err;
      failed++;
      io.out(errorLine(input, err));
    }
  }
  return failed > 0 ? 1 : 0;
}
