import { CONFIG_ENV, Config } from "../../schemas/config.js";

/** One flag as `--help` shows it. */
export interface FlagDoc {
  /** As typed, with its value: `--max-pages N`. */
  flag: string;
  /** What it does; each further line continues under the first. */
  text: string;
  /** The config option it sets: its environment variable and default come from the config schema. */
  config?: keyof Config;
  /** A default that is not a config option's (a request schema's, or a command's own). */
  default?: string | number;
}

const DEFAULTS = Config.parse({});
/** Help lines stay within this width where they can. */
const LINE = 100;

/**
 * Flags that set a config option, documented once for every command that takes them. Their
 * environment variables and defaults are read from the config schema, so help cannot drift from it.
 */
export const CONFIG_FLAGS = {
  data: { flag: "--data DIR", text: "data directory", config: "data" },
  config: { flag: "--config FILE", text: "JSON config file (default ./agentweb.config.json when present)" },
  "max-pages": { flag: "--max-pages N", text: "stop after N pages", config: "maxPages" },
  "max-depth": { flag: "--max-depth N", text: "follow links at most N hops from URL", config: "maxDepth" },
  include: {
    flag: "--include GLOB",
    text: "only crawl URLs matching GLOB (repeatable; matched against the full URL)",
    config: "include",
  },
  exclude: { flag: "--exclude GLOB", text: "never crawl URLs matching GLOB (repeatable)", config: "exclude" },
  concurrency: { flag: "--concurrency N", text: "parallel requests", config: "concurrency" },
  "user-agent": { flag: "--user-agent UA", text: "the User-Agent sent", config: "userAgent" },
  embedder: {
    flag: "--embedder NAME",
    text: "static, bundled, openai, onnx, or none (full-text search only)",
    config: "embedder",
  },
  render: {
    flag: "--render MODE",
    text: "auto (Chromium only for pages that need JavaScript), never, or always",
    config: "render",
  },
  "ignore-robots": {
    flag: "--ignore-robots",
    text: "do not obey robots.txt (prints a warning; only for sites you may crawl regardless)",
    config: "ignoreRobots",
  },
  "delay-ms": {
    flag: "--delay-ms N",
    text: "minimum ms between requests to the host (Crawl-delay may raise it)",
    config: "delayMs",
  },
  retries: {
    flag: "--retries N",
    text: "extra attempts for timeouts, resets, 5xx and 429",
    config: "retries",
  },
  header: {
    flag: "--header 'N: V'",
    text: "send this header to the site's own origin only (repeatable; docs behind a login)",
    config: "headers",
  },
  cookie: {
    flag: "--cookie 'a=b'",
    text: "send this Cookie to the site's own origin only",
    config: "cookie",
  },
  budget: {
    flag: "--budget P=N",
    text: "at most N pages under path prefix P, e.g. /docs/api/=100 (repeatable)",
    config: "budgets",
  },
  "from-llms-txt": {
    flag: "--from-llms-txt",
    text: "also seed the crawl with the links of the site's llms.txt",
    config: "fromLlmsTxt",
  },
  mode: { flag: "--mode MODE", text: "text, vector or hybrid", config: "searchMode" },
  port: { flag: "--port N", text: "port (0 picks a free one)", config: "port" },
  host: { flag: "--host ADDR", text: "address to bind", config: "host" },
  insecure: {
    flag: "--insecure",
    text: "allow a non-loopback address without API keys",
    config: "insecure",
  },
  "read-only": {
    flag: "--read-only",
    text: "serve without writing: no writer lock, crawls and deletes refused; many replicas may share one --data",
    config: "readOnly",
  },
} as const satisfies Record<string, FlagDoc>;

/**
 * A command's `--help`: usage, what it does, its flags in aligned columns (config flags with their
 * environment variable and default), then any closing text.
 *
 * @example commandHelp({ usage: "agentweb search QUERY [options]", about: "Searches…", flags: [CONFIG_FLAGS.data] })
 */
export function commandHelp(spec: {
  usage: string;
  about: string;
  flags: FlagDoc[];
  footer?: string;
}): string {
  const width = Math.max(...spec.flags.map((f) => f.flag.length)) + 2;
  const lines = spec.flags.flatMap((f) => {
    const text = f.text.split("\n");
    const notes = suffix(f);
    // The environment variable and default go on a line of their own when they would make it long.
    if (notes && 3 + width + text.at(-1)!.length + notes.length > LINE) text.push(notes.trim());
    else text[text.length - 1] += notes;
    const [first, ...rest] = text;
    return [`  ${f.flag.padEnd(width)} ${first}`, ...rest.map((line) => `  ${" ".repeat(width)} ${line}`)];
  });
  const parts = [`Usage: ${spec.usage}`, spec.about, `Options:\n${lines.join("\n")}`];
  if (spec.footer) parts.push(spec.footer);
  return parts.join("\n\n");
}

/**
 * A config option's default, for a flag that does not read the config but starts from its default.
 *
 * @example configDefault("requestTimeoutMs") // 30000
 */
export function configDefault<K extends keyof Config>(key: K): Config[K] {
  return DEFAULTS[key];
}

/** " (env X, default Y)" for a config flag, " (default Y)" for another flag with a default. */
function suffix(f: FlagDoc): string {
  const notes: string[] = [];
  if (f.config) notes.push(`env ${CONFIG_ENV[f.config]}`);
  const value = f.default ?? (f.config ? shownDefault(DEFAULTS[f.config]) : undefined);
  if (value !== undefined) notes.push(`default ${value}`);
  return notes.length ? ` (${notes.join(", ")})` : "";
}

/** A default worth printing: lists, records and off switches are left out (none is the default). */
function shownDefault(value: unknown): string | undefined {
  if (typeof value === "string" || typeof value === "number") return String(value);
  return undefined;
}
