import { ContextRequest } from "../../../schemas/context.js";
import { AgentwebError } from "../../../schemas/errors.js";
import { parseInput } from "../../ops/error-view.js";
import { getContext } from "../../ops/get-context.js";
import { openIndex } from "../../ops/index-handle.js";
import { contextAsText } from "../../ops/present.js";
import { intFlag, parseCommandArgs } from "../args.js";
import { loadConfig } from "../config-loader.js";
import { CONFIG_FLAGS, commandHelp } from "../help.js";
import type { CommandIo } from "./command.js";

export const CONTEXT_HELP = commandHelp({
  usage: 'agentweb context "QUESTION" [options]',
  about: `Prints a context pack: the best passages for QUESTION, merged per page in document order, each
under its citation (url#anchor), never more than --max-tokens tokens (cl100k) in total.`,
  flags: [
    CONFIG_FLAGS.data,
    {
      flag: "--max-tokens N",
      text: "token budget",
      default: ContextRequest.shape.maxTokens.parse(undefined),
    },
    { flag: "--site ID", text: "only this site" },
    { flag: "--path PREFIX", text: "only URLs whose path starts with PREFIX" },
    CONFIG_FLAGS.mode,
    { flag: "--json", text: "print the pack as JSON {query, budget, totalTokens, parts}" },
  ],
});

/** `agentweb context QUESTION`. */
export async function contextCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    "max-tokens": { type: "string" },
    site: { type: "string" },
    path: { type: "string" },
    mode: { type: "string" },
  });
  if (values.help) {
    io.out(CONTEXT_HELP);
    return 0;
  }
  const q = positionals.join(" ").trim();
  if (!q) throw new AgentwebError("BAD_USAGE", "context needs a question (see agentweb context --help)");
  // Bad flags are refused before the index is opened.
  const request = parseInput(ContextRequest, {
    q,
    maxTokens: intFlag("max-tokens", values["max-tokens"]),
    site: values.site,
    path: values.path,
    mode: values.mode,
    format: values.json ? "json" : "markdown",
  });
  const config = loadConfig({ configFile: values.config, env: io.env, flags: { data: values.data } });
  const index = await openIndex(config, { write: false, owner: "context" });
  try {
    const pack = await getContext(index, request);
    io.out(values.json ? JSON.stringify(pack) : contextAsText(pack));
    return 0;
  } finally {
    await index.close();
  }
}
