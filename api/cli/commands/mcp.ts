import { serveMcpStdio } from "../../mcp/serve-stdio.js";
import { parseCommandArgs } from "../args.js";
import { loadConfig } from "../config-loader.js";
import { CONFIG_FLAGS, commandHelp } from "../help.js";
import type { CommandIo } from "./command.js";

export const MCP_HELP = commandHelp({
  usage: "agentweb mcp [options]",
  about: `Serves the index to an MCP client over stdio (stdout carries only protocol messages).
Tools: search_docs, get_context, fetch_page, list_sites, crawl_site, get_crawl_status.
Resources: agentweb://sites/{site}/llms.txt and llms-full.txt.

Example client config: { "command": "agentweb", "args": ["mcp", "--data", "/path/to/.agentweb"] }`,
  flags: [
    CONFIG_FLAGS.data,
    {
      ...CONFIG_FLAGS.config,
      text: "JSON config file (allowHosts/allowCidrs let crawl_site reach private hosts)",
    },
  ],
});

/** `agentweb mcp`: runs until the client closes stdin. */
export async function mcpCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(argv, {});
  if (values.help) {
    io.out(MCP_HELP);
    return 0;
  }
  const config = loadConfig({ configFile: values.config, env: io.env, flags: { data: values.data } });
  await serveMcpStdio(config);
  return 0;
}
