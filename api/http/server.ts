import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Config } from "../../schemas/config.js";
import { AgentwebError } from "../../schemas/errors.js";
import { createCrawlJobs } from "../ops/crawl-jobs.js";
import { openIndex } from "../ops/index-handle.js";
import type { Logger } from "../ops/logger.js";
import type { EgressPolicy } from "../ops/url-guard.js";
import { egressPolicyFor } from "../ops/url-guard.js";
import { VERSION } from "../version.js";
import { createApp } from "./app.js";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, then closes the index. */
  close(): Promise<void>;
}

/**
 * Opens the index (as its one writer, or with `readOnly` as one of many readers) and serves the API. A non-loopback address needs API keys
 * (or `insecure`). Used by `agentweb serve` and by the
 * production entry point in deploy/.
 *
 * @example
 * const server = await startServer(config, { logger: createLogger({ level: config.logLevel, write }) });
 * process.on("SIGTERM", () => server.close());
 */
export async function startServer(
  config: Config,
  options: { logger?: Logger; egress?: EgressPolicy } = {},
): Promise<RunningServer> {
  if (!LOOPBACK.test(config.host) && config.apiKeys.length === 0 && !config.insecure) {
    throw new AgentwebError(
      "CONFIG_INVALID",
      `refusing to serve on ${config.host} without API keys: bind to 127.0.0.1, or pass --insecure to expose the index openly`,
    );
  }
  const index = await openIndex(config, { write: !config.readOnly, owner: "serve" });
  const egress = options.egress ?? egressPolicyFor(config);
  // Jobs left queued or running by a previous server start again here.
  const jobs = createCrawlJobs(index, { egress, ...(options.logger ? { logger: options.logger } : {}) });
  const app = createApp({
    index,
    version: VERSION,
    jobs,
    egress,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
      s.once("error", reject);
    });
  } catch (err) {
    await jobs.close();
    await index.close();
    const code = (err as NodeJS.ErrnoException).code;
    throw new AgentwebError(
      "CONFIG_INVALID",
      `cannot listen on ${config.host}:${config.port} (${code ?? err})`,
      { cause: err },
    );
  }
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      })
        .then(() => jobs.close())
        .then(() => index.close());
      return closing;
    },
  };
}
