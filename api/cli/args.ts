import { type ParseArgsConfig, parseArgs } from "node:util";
import { AgentwebError } from "../../schemas/errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Flags every command takes. */
export const COMMON_OPTIONS = {
  data: { type: "string" },
  config: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

/**
 * Parses a command's argv strictly: an unknown flag or a missing value is a usage error (exit 2).
 *
 * @example parseCommandArgs(["--max-pages", "5", "https://x.dev"], { "max-pages": { type: "string" } })
 */
export function parseCommandArgs<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new AgentwebError("BAD_USAGE", (err as Error).message.split("\n")[0]!, { cause: err });
  }
}

/** A numeric flag, or a usage error naming it. */
export function intFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n))
    throw new AgentwebError("BAD_USAGE", `--${name} takes a whole number (got ${value})`);
  return n;
}
