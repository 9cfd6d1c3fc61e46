import { PageRequest } from "../../../schemas/api.js";
import { AgentwebError } from "../../../schemas/errors.js";
import type { Page } from "../../../schemas/page.js";
import { parseInput } from "../../ops/error-view.js";
import { getPage } from "../../ops/get-page.js";
import { openIndex } from "../../ops/index-handle.js";
import { presentPage } from "../../ops/present.js";
import { parseCommandArgs } from "../args.js";
import { loadConfig } from "../config-loader.js";
import { CONFIG_FLAGS, commandHelp } from "../help.js";
import type { CommandIo } from "./command.js";

export const PAGE_HELP = commandHelp({
  usage: "agentweb page URL [options]",
  about: `Prints a stored page as clean markdown. --fresh fetches it now instead (from any address: the CLI
runs as you), and stores it when its site is indexed and no server owns the data dir.`,
  flags: [
    CONFIG_FLAGS.data,
    {
      flag: "--format FMT",
      text: "markdown, text, links or json",
      default: PageRequest.shape.format.parse(undefined),
    },
    { flag: "--fresh", text: "fetch the page now through the crawler" },
    { flag: "--json", text: "print the whole page as JSON (same as --format json)" },
  ],
});

/** `agentweb page URL [--fresh]`. */
export async function pageCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: "string" },
    fresh: { type: "boolean" },
  });
  if (values.help) {
    io.out(PAGE_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new AgentwebError("BAD_USAGE", "page takes exactly one URL (see agentweb page --help)");
  const { url, format, fresh } = parseInput(PageRequest, {
    url: positionals[0],
    format: values.json ? "json" : values.format,
    fresh: values.fresh,
  });
  const config = loadConfig({ configFile: values.config, env: io.env, flags: { data: values.data } });
  const page = fresh ? await freshPage(config, url) : await storedPage(config, url);
  io.out(presentPage(page, { format }).text);
  return 0;
}

async function storedPage(config: Parameters<typeof openIndex>[0], url: string): Promise<Page> {
  const index = await openIndex(config, { write: false, owner: "page" });
  try {
    return await getPage(index, { url });
  } finally {
    await index.close();
  }
}

/** The user's own fetch: no egress guard. Stored only when this process can take the writer lock. */
async function freshPage(config: Parameters<typeof openIndex>[0], url: string): Promise<Page> {
  // Loaded here: the crawler's start-up is paid only by `--fresh`.
  const { fetchFreshPage } = await import("../../ops/fetch-fresh.js");
  const index = await openIndex(config, { write: true, owner: "page" }).catch(() => undefined);
  if (!index) {
    // Locked by a server, or no index yet: fetch without storing, from a throwaway handle-free path.
    const reader = await openIndex(config, { write: false, owner: "page" }).catch(() => undefined);
    if (!reader)
      throw new AgentwebError(
        "NOT_FOUND",
        `no index at ${config.data} to fetch with (run agentweb crawl first)`,
      );
    try {
      return (await fetchFreshPage(reader, { url }, { store: false })).page;
    } finally {
      await reader.close();
    }
  }
  try {
    return (await fetchFreshPage(index, { url })).page;
  } finally {
    await index.close();
  }
}
