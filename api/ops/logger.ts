import type { Config } from "../../schemas/config.js";

export type LogLevel = Config["logLevel"];

/** Fields of one log line besides its time, level and message. */
export type LogFields = Record<string, unknown>;

/** Where the server and its jobs say what happened: one JSON line per entry. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * The one logger: JSON lines (`time`, `level`, `msg`, then the fields) for entries at or above the
 * configured `logLevel`, written where the caller says (stdout for the production server, stderr
 * for `agentweb serve`, whose stdout is the user's).
 *
 * @example
 * const log = createLogger({ level: config.logLevel, write: (line) => process.stdout.write(line) });
 * log.info("listening", { url }); // {"time":"…","level":"info","msg":"listening","url":"http://…"}
 */
export function createLogger(options: { level: LogLevel; write: (line: string) => void }): Logger {
  const at =
    (level: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (RANK[level] < RANK[options.level]) return;
      options.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** A logger that writes nothing (tests, embedded use). */
export const silentLogger: Logger = createLogger({ level: "error", write: () => {} });
