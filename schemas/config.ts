/**
 * The one configuration schema. Every option names its environment variable; layers merge as
 * defaults < config file < env < flags, parsed once at the entry point and passed down.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { AgentwebError } from "./errors.js";
import { SearchMode } from "./search.js";

/** "a, b,,c" → ["a", "b", "c"]: how the environment spells a list. */
const splitCommas = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const list = z.preprocess((v) => (typeof v === "string" ? splitCommas(v) : v), z.array(z.string()));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** "key:scope" pairs; a scope is read (search, context, pages) or admin (also crawls, deletes, fresh fetches). */
const apiKeyList = z.preprocess(
  (v) =>
    typeof v === "string"
      ? splitCommas(v).map((entry) => {
          const at = entry.lastIndexOf(":");
          return at > 0
            ? { key: entry.slice(0, at), scope: entry.slice(at + 1) }
            : { key: entry, scope: "read" };
        })
      : v,
  z.array(
    z.object({
      key: z.string().min(16, "an API key needs at least 16 characters"),
      scope: z.enum(["read", "admin"]),
    }),
  ),
);
/**
 * Header lines ("Name: value"), one per line in the environment (values may contain commas), as a
 * name → value record.
 */
const headerLines = z
  .preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(/\r?\n/)
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+:/, "a header is 'Name: value'")),
  )
  .transform((entries) => {
    const headers: Record<string, string> = {};
    for (const line of entries) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    return headers;
  });
/** Page budgets ("/docs/api/=100", comma-separated in the environment) as a prefix → pages record. */
const budgetList = list
  .pipe(z.array(z.string().regex(/^\/.*=\d+$/, "a budget is '/path/prefix/=N'")))
  .transform((entries) => {
    const budgets: Record<string, number> = {};
    for (const entry of entries) {
      const eq = entry.lastIndexOf("=");
      budgets[entry.slice(0, eq)] = Number(entry.slice(eq + 1));
    }
    return budgets;
  });
const bool = z.preprocess((v) => (typeof v === "string" ? /^(1|true|yes|on)$/i.test(v) : v), z.boolean());

export const Config = z.object({
  /** Where the index, locks and crawl state live. */
  data: z.string().min(1).default("./.agentweb"),
  userAgent: z.string().min(1).default("agentweb/0.1 (+https://github.com/agentweb/agentweb)"),
  maxPages: int(1, 1_000_000).default(1000),
  maxDepth: int(0, 1000).default(20),
  include: list.default([]),
  exclude: list.default([]),
  /** Parallel requests per crawl (per host, since a crawl stays on one origin). */
  concurrency: int(1, 64).default(4),
  requestTimeoutMs: int(1000, 600_000).default(30_000),
  /** Largest decoded body accepted; larger responses fail with BODY_TOO_LARGE. */
  maxBodyBytes: int(1024, 512 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Target chunk size in tokens; a code fence or table may exceed it rather than be split. */
  chunkTokens: int(32, 4096).default(256),
  /**
   * static (default): distilled from the bundled encoder, reads whole chunks and needs no worker
   * thread, so it embeds a crawl as fast as it is fetched; bundled: the encoder itself on worker
   * threads; openai: an OpenAI-compatible endpoint; onnx: a local ONNX model run by
   * transformers.js (an optional package); none: full-text search only.
   */
  embedder: z.enum(["bundled", "static", "openai", "onnx", "none"]).default("static"),
  /** embedder=openai: base URL of an OpenAI-compatible API (`…/v1`; Ollama, llama.cpp, vLLM …). */
  embedderUrl: z.string().url().optional(),
  /** embedder=openai: the model name sent with each request. */
  embedderModel: z.string().min(1).optional(),
  /** embedder=openai: bearer token, when the endpoint wants one. */
  embedderApiKey: z.string().min(1).optional(),
  /** embedder=openai: vector width (the index is created with it). */
  embedderDims: int(1, 8192).default(512),
  /** embedder=onnx: a local model directory (config.json, tokenizer.json, onnx/model.onnx). */
  embedderModelPath: z.string().min(1).optional(),
  /** embedder=onnx: let transformers.js download a missing model from the Hugging Face Hub (off: nothing is fetched). */
  embedderAllowRemote: bool.default(false),
  embedWorkers: int(1, 16).default(2),
  searchMode: SearchMode.default("text"),
  /**
   * mode=hybrid: weight of the vector list against full text (1), scores normalised per list.
   * The bundled embedders are weaker than full text on docs questions, hence a small weight; a
   * stronger embedder may deserve more.
   */
  vectorWeight: z.coerce.number().min(0).max(10).default(0.2),
  host: z.string().min(1).default("127.0.0.1"),
  port: int(0, 65535).default(7070),
  /**
   * Serve without writing: no writer lock, every write (crawl, delete, reindex, fresh fetch that
   * stores) refused with READ_ONLY. Several such replicas may serve one data dir beside its writer.
   */
  readOnly: bool.default(false),
  /**
   * Seconds after which a reader sees another process's commits (0: every read checks). Small
   * enough that replicas agree soon after a write, large enough not to re-read the manifest per query.
   */
  readConsistencySec: z.coerce.number().min(0).max(3600).default(1),
  /** Serve on a non-loopback address without API keys. */
  insecure: bool.default(false),
  /** Site served at the root routes when several are indexed. */
  rootSite: z.string().optional(),
  logLevel: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Chromium rendering: only pages that need JavaScript (auto), never, or every page. */
  render: z.enum(["auto", "never", "always"]).default("auto"),
  /** Skip robots.txt (a warning is printed): only for sites you own or may crawl regardless. */
  ignoreRobots: bool.default(false),
  /** Minimum milliseconds between two requests to one host; a site's Crawl-delay may raise it. */
  delayMs: int(0, 600_000).default(250),
  /** Extra attempts for transient failures (timeouts, resets, 5xx, 429), with backoff and jitter. */
  retries: int(0, 10).default(2),
  /** Sent only to the crawl's own origin (docs behind a login); "Name: value" each. */
  headers: headerLines.default({}),
  /** A Cookie header for the crawl's own origin. */
  cookie: z.string().optional(),
  /** Pages allowed under a path prefix, "/docs/api/=100" each (the longest matching prefix decides). */
  budgets: budgetList.default({}),
  /** Worker threads for extraction during a crawl (0 = in the crawl's own thread). */
  extractWorkers: int(0, 16).default(2),
  /** Time budget for extracting one page; past it the page fails with EXTRACT_TIMEOUT and the crawl goes on. */
  extractTimeoutMs: int(50, 600_000).default(30_000),
  /** Seed crawls with the links of the site's llms.txt. */
  fromLlmsTxt: bool.default(false),
  /** The Chromium binary used for rendering. */
  chromiumPath: z.string().min(1).default("/usr/bin/chromium"),
  /** API keys with their scope, "key:admin,key2:read" (a key without a scope is read). Empty = open, loopback only. */
  apiKeys: apiKeyList.default([]),
  /** Requests per second each key (or, with no keys, each client address) may make; 0 turns the limit off. */
  rateLimitRps: z.coerce.number().min(0).max(100_000).default(50),
  /** How many requests a key may make in a burst above its rate. */
  rateLimitBurst: int(1, 100_000).default(100),
  /** Largest request body accepted (413 above). */
  maxRequestBytes: int(1024, 64 * 1024 * 1024).default(1024 * 1024),
  /** Origins allowed by CORS ("*" for any); empty = no CORS headers. */
  corsOrigins: list.default([]),
  /** Host names (besides loopback and `host`) the server answers to: DNS-rebinding protection. */
  publicHostnames: list.default([]),
  /** Host names (exact) that crawls started over HTTP/MCP may reach despite the egress guard. */
  allowHosts: list.default([]),
  /** Address ranges (CIDR) that crawls started over HTTP/MCP may reach despite the egress guard. */
  allowCidrs: list.default([]),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;

/** The environment variable of each option. */
export const CONFIG_ENV = {
  data: "AGENTWEB_DATA",
  userAgent: "AGENTWEB_USER_AGENT",
  maxPages: "AGENTWEB_MAX_PAGES",
  maxDepth: "AGENTWEB_MAX_DEPTH",
  include: "AGENTWEB_INCLUDE",
  exclude: "AGENTWEB_EXCLUDE",
  concurrency: "AGENTWEB_CONCURRENCY",
  requestTimeoutMs: "AGENTWEB_REQUEST_TIMEOUT_MS",
  maxBodyBytes: "AGENTWEB_MAX_BODY_BYTES",
  chunkTokens: "AGENTWEB_CHUNK_TOKENS",
  embedder: "AGENTWEB_EMBEDDER",
  embedderUrl: "AGENTWEB_EMBEDDER_URL",
  embedderModel: "AGENTWEB_EMBEDDER_MODEL",
  embedderApiKey: "AGENTWEB_EMBEDDER_API_KEY",
  embedderDims: "AGENTWEB_EMBEDDER_DIMS",
  embedderModelPath: "AGENTWEB_EMBEDDER_MODEL_PATH",
  embedderAllowRemote: "AGENTWEB_EMBEDDER_ALLOW_REMOTE",
  embedWorkers: "AGENTWEB_EMBED_WORKERS",
  searchMode: "AGENTWEB_SEARCH_MODE",
  vectorWeight: "AGENTWEB_VECTOR_WEIGHT",
  host: "AGENTWEB_HOST",
  port: "AGENTWEB_PORT",
  readOnly: "AGENTWEB_READ_ONLY",
  readConsistencySec: "AGENTWEB_READ_CONSISTENCY_SEC",
  insecure: "AGENTWEB_INSECURE",
  rootSite: "AGENTWEB_ROOT_SITE",
  logLevel: "AGENTWEB_LOG_LEVEL",
  render: "AGENTWEB_RENDER",
  ignoreRobots: "AGENTWEB_IGNORE_ROBOTS",
  delayMs: "AGENTWEB_DELAY_MS",
  retries: "AGENTWEB_RETRIES",
  headers: "AGENTWEB_HEADERS",
  cookie: "AGENTWEB_COOKIE",
  fromLlmsTxt: "AGENTWEB_FROM_LLMS_TXT",
  extractWorkers: "AGENTWEB_EXTRACT_WORKERS",
  extractTimeoutMs: "AGENTWEB_EXTRACT_TIMEOUT_MS",
  budgets: "AGENTWEB_BUDGETS",
  chromiumPath: "AGENTWEB_CHROMIUM_PATH",
  apiKeys: "AGENTWEB_API_KEYS",
  rateLimitRps: "AGENTWEB_RATE_LIMIT_RPS",
  rateLimitBurst: "AGENTWEB_RATE_LIMIT_BURST",
  maxRequestBytes: "AGENTWEB_MAX_REQUEST_BYTES",
  corsOrigins: "AGENTWEB_CORS_ORIGINS",
  publicHostnames: "AGENTWEB_PUBLIC_HOSTNAMES",
  allowHosts: "AGENTWEB_ALLOW_HOSTS",
  allowCidrs: "AGENTWEB_ALLOW_CIDRS",
} as const satisfies Record<keyof Config, string>;

/**
 * Secrets that may also come from a file named by `<VARIABLE>_FILE` (a mounted container secret),
 * so that the secret itself stays out of the environment, which process listings and crash reports
 * show. The API keys file may hold one key per line.
 */
const SECRET_FILE_OPTIONS = ["apiKeys", "embedderApiKey"] as const satisfies (keyof Config)[];

/**
 * The options named in an environment (unset and empty variables are skipped). A secret's
 * `_FILE` variable is read here; naming a secret both ways, or an unreadable file, is CONFIG_INVALID.
 *
 * @example configFromEnv({ AGENTWEB_API_KEYS_FILE: "/run/secrets/keys" }).apiKeys // "key1:admin,key2"
 */
export function configFromEnv(
  env: Record<string, string | undefined>,
): Partial<Record<keyof Config, string>> {
  const out: Partial<Record<keyof Config, string>> = {};
  for (const [key, name] of Object.entries(CONFIG_ENV) as [keyof Config, string][]) {
    const value = env[name];
    if (value !== undefined && value !== "") out[key] = value;
  }
  for (const key of SECRET_FILE_OPTIONS) {
    const fileVar = `${CONFIG_ENV[key]}_FILE`;
    const path = env[fileVar];
    if (path === undefined || path === "") continue;
    if (out[key] !== undefined)
      throw new AgentwebError("CONFIG_INVALID", `set ${CONFIG_ENV[key]} or ${fileVar}, not both`);
    const text = readSecretFile(fileVar, path);
    out[key] = key === "apiKeys" ? text.split(/\r?\n/).join(",") : text;
  }
  return out;
}

/** A secret file's text without its surrounding whitespace (editors add a final newline). */
function readSecretFile(fileVar: string, path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8").trim();
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new AgentwebError("CONFIG_INVALID", `${fileVar}: cannot read ${path} (${reason})`, { cause });
  }
  if (text === "") throw new AgentwebError("CONFIG_INVALID", `${fileVar}: ${path} is empty`);
  return text;
}

/**
 * Merges the layers (later wins) and validates once. Throws a ZodError naming each bad option.
 *
 * @example
 * resolveConfig({ file: { port: 8080 }, env: configFromEnv(process.env), flags: { maxPages: 10 } })
 */
export function resolveConfig(layers: { file?: object; env?: object; flags?: object }): Config {
  const defined = (o: object | undefined) =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined));
  return Config.parse({ ...defined(layers.file), ...defined(layers.env), ...defined(layers.flags) });
}
