import { existsSync, readFileSync } from "node:fs";
import { ZodError } from "zod";
import { CONFIG_ENV, type Config, configFromEnv, resolveConfig } from "../../schemas/config.js";
import { AgentwebError } from "../../schemas/errors.js";
import { toErrorView } from "../ops/error-view.js";
import { flagName } from "./args.js";

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
  const env = configFromEnv(input.env);
  try {
    return resolveConfig({ file, env, flags: input.flags });
  } catch (err) {
    if (!(err instanceof ZodError)) throw err;
    const given = (layer: object | undefined, key: string) =>
      layer !== undefined && (layer as Record<string, unknown>)[key] !== undefined;
    // A bad value is named where the user wrote it: the flag, else the variable, else the file.
    const field = (p: readonly PropertyKey[]) => {
      const key = String(p[0]);
      if (given(input.flags, key)) return flagName(p);
      if (given(env, key)) return CONFIG_ENV[key as keyof Config];
      return path ? `${p.map(String).join(".")} in ${path}` : p.map(String).join(".");
    };
    const defined = (o: object | undefined) =>
      Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined));
    const merged = { ...defined(file), ...defined(env), ...defined(input.flags) };
    throw new AgentwebError("BAD_USAGE", toErrorView(err, { field, input: merged }).message, { cause: err });
  }
}
