import { existsSync, readFileSync } from "node:fs";
import { ZodError } from "zod";
import { type Config, configFromEnv, resolveConfig } from "../../schemas/config.js";
import { AgentwebError } from "../../schemas/errors.js";

const DEFAULT_CONFIG_FILE = "agentweb.config.json";

/**
 * The config for one CLI run: defaults < config file (`--config FILE`, else ./agentweb.config.json
 * when present) < AGENTWEB_* environment < flags.
 *
 * @example const config = loadConfig({ configFile: undefined, flags: { maxPages: 10 }, env: process.env });
 */
export function loadConfig(input: {
  configFile: string | undefined;
  flags: Partial<Record<keyof Config, unknown>>;
  env: Record<string, string | undefined>;
}): Config {
  const path = input.configFile ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  let file: object | undefined;
  if (path) {
    try {
      file = JSON.parse(readFileSync(path, "utf8"));
    } catch (cause) {
      throw new AgentwebError("BAD_USAGE", `cannot read config file ${path}: ${(cause as Error).message}`, {
        cause,
      });
    }
  }
  try {
    return resolveConfig({ file, env: configFromEnv(input.env), flags: input.flags });
  } catch (err) {
    if (err instanceof ZodError) {
      const issues = err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new AgentwebError("BAD_USAGE", `invalid configuration: ${issues}`, { cause: err });
    }
    throw err;
  }
}
