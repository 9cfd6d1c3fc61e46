import { AgentwebError } from "../../../schemas/errors.js";
import { SearchQuery } from "../../../schemas/search.js";
import { parseInput } from "../../ops/error-view.js";
import { openIndex } from "../../ops/index-handle.js";
import { hitsAsText } from "../../ops/present.js";
import { searchDocs } from "../../ops/search-docs.js";
import { intFlag, parseCommandArgs } from "../args.js";
import { loadConfig } from "../config-loader.js";
import { CONFIG_FLAGS, commandHelp } from "../help.js";
import type { CommandIo } from "./command.js";

export const SEARCH_HELP = commandHelp({
  usage: "agentweb search QUERY [options]",
  about: "Searches the index and prints the best chunks with their citations (url#anchor).",
  flags: [
    CONFIG_FLAGS.data,
    { flag: "-k, --k N", text: "number of hits", default: SearchQuery.shape.k.parse(undefined) },
    { flag: "--site ID", text: "only this site (see the site printed by crawl)" },
    { flag: "--path PREFIX", text: "only URLs whose path starts with PREFIX, e.g. /docs/" },
    CONFIG_FLAGS.mode,
    {
      flag: "--group section|chunk|page",
      text: "one hit per url#anchor (default), every chunk, or the best chunk per page",
    },
    { flag: "--json", text: 'print {"hits":[...]} on stdout' },
  ],
});

/** `agentweb search QUERY`. */
export async function searchCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    k: { type: "string", short: "k" },
    site: { type: "string" },
    path: { type: "string" },
    mode: { type: "string" },
    group: { type: "string" },
  });
  if (values.help) {
    io.out(SEARCH_HELP);
    return 0;
  }
  const q = positionals.join(" ").trim();
  if (!q) throw new AgentwebError("BAD_USAGE", "search needs a query (see agentweb search --help)");
  // Bad flags are refused before the index is opened; a mode left out is the config's.
  const query = parseInput(SearchQuery, {
    q,
    k: intFlag("k", values.k),
    site: values.site,
    path: values.path,
    mode: values.mode,
    group: values.group,
  });
  const config = loadConfig({ configFile: values.config, env: io.env, flags: { data: values.data } });
  const index = await openIndex(config, { write: false, owner: "search" });
  try {
    const { hits } = await searchDocs(index, query);
    io.out(values.json ? JSON.stringify({ hits }) : hitsAsText(hits));
    return 0;
  } finally {
    await index.close();
  }
}
