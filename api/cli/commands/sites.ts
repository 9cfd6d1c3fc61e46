import { AgentwebError } from "../../../schemas/errors.js";
import { openIndex } from "../../ops/index-handle.js";
import { deleteSite, listSites } from "../../ops/sites.js";
import { parseCommandArgs } from "../args.js";
import { loadConfig } from "../config-loader.js";
import type { CommandIo } from "./command.js";

export const SITES_HELP = `Usage: agentweb sites [list]
       agentweb sites delete ID

Lists the indexed sites (pages, chunks, last crawl, embedder), or deletes one site's pages and chunks.

Options:
  --data DIR     data directory (env AGENTWEB_DATA, default ./.agentweb)
  --json         machine output: {"sites":[...]} or {"deleted","pages","chunks"}`;

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
  const config = loadConfig({ configFile: values.config, env: io.env, flags: { data: values.data } });
  const write = action === "delete";
  const index = await openIndex(config, { write, owner: "sites" });
  try {
    if (action === "delete") {
      const result = await deleteSite(index, { site: id! });
      io.out(
        values.json
          ? JSON.stringify(result)
          : `deleted ${result.deleted}: ${result.pages} pages, ${result.chunks} chunks`,
      );
      return 0;
    }
    const result = await listSites(index);
    if (values.json) {
      io.out(JSON.stringify(result));
      return 0;
    }
    if (result.sites.length === 0) io.out("no sites indexed");
    for (const s of result.sites) {
      const last = s.lastCrawl
        ? `last crawl ${s.lastCrawl.finishedAt} (${s.lastCrawl.ok} ok, ${s.lastCrawl.failed} failed)`
        : "never finished a crawl";
      io.out(
        `${s.site}  ${s.pages} pages  ${s.chunks} chunks  embedder ${s.embedder}  ${last}${s.startUrl ? `\n  ${s.startUrl}` : ""}`,
      );
    }
    return 0;
  } finally {
    await index.close();
  }
}
