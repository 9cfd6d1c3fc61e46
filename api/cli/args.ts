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
  const all = { ...COMMON_OPTIONS, ...options };
  try {
    return parseArgs({
      args: joinNegativeValues(argv, all),
      options: all,
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new AgentwebError("BAD_USAGE", (err as Error).message.split("\n")[0]!, { cause: err });
  }
}

/**
 * parseArgs takes a value that starts with a dash for a flag of its own and calls `--max-pages -3`
 * ambiguous; a negative number is a value (which the flag's own check then judges), so it is
 * joined to its flag as `--max-pages=-3`.
 */
function joinNegativeValues(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      out.push(...argv.slice(i));
      break;
    }
    const name = arg.startsWith("--")
      ? arg.slice(2)
      : Object.keys(options).find((k) => arg === `-${options[k]!.short}`);
    const next = argv[i + 1];
    if (name && options[name]?.type === "string" && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/**
 * How the CLI names a schema field in a message: by its flag (`maxTokens` → `--max-tokens`,
 * `k` → `-k`); the query and the URL are the command's arguments.
 *
 * @example flagName(["maxTokens"]) // "--max-tokens"
 */
export function flagName(path: readonly PropertyKey[]): string {
  const key = String(path[0] ?? "");
  const named = FLAG_NAMES[key];
  if (named) return named;
  if (key.length === 1) return `-${key}`;
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Fields whose flag is not their kebab-cased name. */
const FLAG_NAMES: Record<string, string> = {
  q: "the query",
  url: "the URL",
  headers: "--header",
  budgets: "--budget",
};

/** A numeric flag, or a usage error naming it. */
export function intFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n))
    throw new AgentwebError(
      "BAD_USAGE",
      `${name.length === 1 ? "-" : "--"}${name} must be a whole number (got ${JSON.stringify(value)})`,
    );
  return n;
}
