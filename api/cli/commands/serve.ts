import { startServer } from "../../http/server.js";
import { createLogger } from "../../ops/logger.js";
import { intFlag, parseCommandArgs } from "../args.js";
import { loadConfig } from "../config-loader.js";
import { CONFIG_FLAGS, commandHelp, configDefault } from "../help.js";
import type { CommandIo } from "./command.js";

export const SERVE_HELP = commandHelp({
  usage: "agentweb serve [options]",
  about: `Serves the index over HTTP until Ctrl-C: the API under /v1 (docs at /v1/docs), MCP at /mcp,
hosted llms.txt and .md twins, /healthz, /readyz, /metrics. API keys: env AGENTWEB_API_KEYS="KEY:admin,KEY2:read".
Logs go to stderr as JSON lines, at env AGENTWEB_LOG_LEVEL (default ${configDefault("logLevel")}; warn keeps requests out).`,
  flags: [
    CONFIG_FLAGS.data,
    CONFIG_FLAGS.port,
    CONFIG_FLAGS.host,
    CONFIG_FLAGS.insecure,
    CONFIG_FLAGS["read-only"],
    CONFIG_FLAGS.config,
  ],
});

/** `agentweb serve`: runs until SIGINT/SIGTERM, then shuts down gracefully. */
export async function serveCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    port: { type: "string" },
    host: { type: "string" },
    insecure: { type: "boolean" },
    "read-only": { type: "boolean" },
  });
  if (values.help) {
    io.out(SERVE_HELP);
    return 0;
  }
  const config = loadConfig({
    configFile: values.config,
    env: io.env,
    flags: {
      data: values.data,
      port: intFlag("port", values.port),
      host: values.host,
      insecure: values.insecure,
      readOnly: values["read-only"],
    },
  });
  // The server's log goes to stderr: stdout is the user's.
  const logger = createLogger({ level: config.logLevel, write: (line) => io.stderr.write(line) });
  const server = await startServer(config, { logger });
  io.out(
    `agentweb serving ${config.data}${config.readOnly ? " read-only" : ""} at ${server.url}  (try: curl '${server.url}/v1/search?q=getting+started')`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await server.close();
  return 0;
}
