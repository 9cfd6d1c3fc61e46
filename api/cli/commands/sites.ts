import { SiteRequest } from "../../../schemas/api.js";
import { AgentwebError } from "../../../schemas/errors.js";
import { parseInput } from "../../ops/error-view.js";
import { openIndex } from "../../ops/index-handle.js";
import { sitesAsText } from "../../ops/present.js";
import { deleteSite, listSites } from "../../ops/sites.js";
import { parseCommandArgs } from "../args.js";
import { loadConfig } from "../config-loader.js";
import { CONFIG_FLAGS, commandHelp } from "../help.js";
import type { CommandIo } from "./command.js";

export const SITES_HELP = commandHelp({
  usage: "agentweb sites [list]\n       agentweb sites delete ID",
  about:
    "Lists the indexed sites (pages, chunks, last crawl, embedder), or deletes one site's pages and chunks.",
  flags: [
    CONFIG_FLAGS.data,
    { flag: "--json", text: 'machine output: {"sites":[...]} or {"deleted","pages","chunks"}' },
  ],
});

/** `agentweb sites [list|delete ID]`. */
export async function sitesCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) {
    io.out(SITES_HELP);
    return 0;
  }
  const [action = "list", id, ...extra] = positionals;
  if (
    extra.length ||
    (action === "list" && id) ||
    (action === "delete" && !id) ||
    !["list", "delete"].includes(action)
  ) {
    throw new AgentwebError("BAD_USAGE", "usage: agentweb sites [list] | agentweb sites delete ID");
  }
  const target = action === "delete" ? parseInput(SiteRequest, { site: id }) : undefined;
  const config = loadConfig({ configFile: values.config, env: io.env, flags: { data: values.data } });
  const write = action === "delete";
  const index = await openIndex(config, { write, owner: "sites" });
  try {
    if (action === "delete") {
      const result = await deleteSite(index, target!);
      io.out(
        values.json
          ? JSON.stringify(result)
          : `deleted ${result.deleted}: ${result.pages} pages, ${result.chunks} chunks`,
      );
      return 0;
    }
    const result = await listSites(index);
    io.out(values.json ? JSON.stringify(result) : sitesAsText(result.sites));
    return 0;
  } finally {
    await index.close();
  }
}
