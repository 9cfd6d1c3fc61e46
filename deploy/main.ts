/**
 * Production entry point: configuration from the environment (AGENTWEB_*), logs as JSON lines on
 * stdout, graceful shutdown on SIGTERM/SIGINT (in-flight requests finish, LanceDB closes cleanly).
 *
 * Run: node dist/deploy/main.js   (e.g. AGENTWEB_DATA=/var/lib/agentweb AGENTWEB_PORT=7070)
 */
import "../api/runtime-env.js";
import { startServer } from "../api/http/server.js";
import { configFromEnv, resolveConfig } from "../schemas/config.js";

const log = (entry: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);

try {
  const config = resolveConfig({ env: configFromEnv(process.env) });
  const server = await startServer(config, { log });
  log({ level: "info", msg: "listening", url: server.url, data: config.data });
  const shutdown = (signal: string) => {
    log({ level: "info", msg: "shutting down", signal });
    // A second signal, or a request that never ends, must not keep the process forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close().then(
      () => {
        log({ level: "info", msg: "stopped" });
        process.exit(0);
      },
      (err) => {
        log({ level: "error", msg: "shutdown failed", error: String(err) });
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
} catch (err) {
  log({ level: "error", msg: "cannot start", error: (err as Error).message });
  process.exit(2);
}
