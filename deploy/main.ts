/**
 * Production entry point: configuration from the environment (AGENTWEB_*), logs as JSON lines on
 * stdout at the configured level (AGENTWEB_LOG_LEVEL), graceful shutdown on SIGTERM/SIGINT (in-flight requests finish, LanceDB closes cleanly).
 *
 * Run: node dist/deploy/main.js   (e.g. AGENTWEB_DATA=/var/lib/agentweb AGENTWEB_PORT=7070; a replica
 * beside the writer adds AGENTWEB_READ_ONLY=true). Probes: /healthz (liveness), /readyz (readiness).
 */
import "../api/runtime-env.js";
import { startServer } from "../api/http/server.js";
import { createLogger, type Logger } from "../api/ops/logger.js";
import { configFromEnv, resolveConfig } from "../schemas/config.js";

const write = (line: string) => process.stdout.write(line);
// Until the config is read, errors are still worth a line.
let log: Logger = createLogger({ level: "info", write });

try {
  const config = resolveConfig({ env: configFromEnv(process.env) });
  log = createLogger({ level: config.logLevel, write });
  const server = await startServer(config, { logger: log });
  log.info("listening", { url: server.url, data: config.data, readOnly: config.readOnly });
  const shutdown = (signal: string) => {
    log.info("shutting down", { signal });
    // A second signal, or a request that never ends, must not keep the process forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close().then(
      () => {
        log.info("stopped");
        process.exit(0);
      },
      (err) => {
        log.error("shutdown failed", { error: String(err) });
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
} catch (err) {
  log.error("cannot start", { error: (err as Error).message });
  process.exit(2);
}
