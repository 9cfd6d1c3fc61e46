/**
 * Errors grouped by what the caller should do about them (retry, give up, slow down, or accept a
 * refusal). Across a process or network boundary an error travels as its string `code` plus data.
 */

/** What the caller should do: retry later, never retry, back off, or accept a policy refusal. */
export type ErrorKind = "retryable" | "non-retryable" | "throttled" | "blocked" | "usage";

/** Stable error codes: printed by the CLI, returned as `code` in problem+json, never renamed. */
export const ERROR_CODES = {
  BAD_USAGE: { kind: "usage", status: 400 },
  INVALID_URL: { kind: "usage", status: 400 },
  INVALID_INPUT: { kind: "usage", status: 400 },
  UNREACHABLE: { kind: "retryable", status: 502 },
  FETCH_FAILED: { kind: "retryable", status: 502 },
  HTTP_ERROR: { kind: "non-retryable", status: 502 },
  TIMEOUT: { kind: "retryable", status: 504 },
  BODY_TOO_LARGE: { kind: "non-retryable", status: 413 },
  UNSUPPORTED_CONTENT: { kind: "non-retryable", status: 415 },
  NEEDS_JAVASCRIPT: { kind: "non-retryable", status: 422 },
  /** Extracting the page took longer than its budget (`extractTimeoutMs`); the crawl goes on. */
  EXTRACT_TIMEOUT: { kind: "non-retryable", status: 422 },
  /** An extraction rule failed on the page (a bug in agentweb, reported with its error); the crawl goes on. */
  EXTRACT_FAILED: { kind: "non-retryable", status: 500 },
  ROBOTS_DISALLOWED: { kind: "blocked", status: 403 },
  EGRESS_BLOCKED: { kind: "blocked", status: 403 },
  RATE_LIMITED: { kind: "throttled", status: 429 },
  UNAUTHORIZED: { kind: "blocked", status: 401 },
  FORBIDDEN: { kind: "blocked", status: 403 },
  NOT_FOUND: { kind: "non-retryable", status: 404 },
  /** A page already stored under the same canonical URL or with the same content. */
  DUPLICATE: { kind: "non-retryable", status: 409 },
  /** The page opts out of indexing (meta robots or X-Robots-Tag noindex). */
  NOINDEX: { kind: "blocked", status: 403 },
  /** A re-crawl found the page unchanged (HTTP 304 or the same sitemap lastmod): the stored copy stays. */
  UNCHANGED: { kind: "non-retryable", status: 304 },
  /** Out of the crawl's scope or budget (e.g. redirected elsewhere). */
  OUT_OF_SCOPE: { kind: "non-retryable", status: 422 },
  DATA_DIR_LOCKED: { kind: "non-retryable", status: 409 },
  /** A write (crawl, delete, reindex, fresh fetch that stores) asked of a read-only replica: send it to the writer. */
  READ_ONLY: { kind: "blocked", status: 403 },
  CONFLICT: { kind: "retryable", status: 409 },
  DATA_FORMAT_MISMATCH: { kind: "non-retryable", status: 500 },
  CONFIG_INVALID: { kind: "usage", status: 500 },
  EMBEDDER_FAILED: { kind: "retryable", status: 500 },
  INTERNAL: { kind: "non-retryable", status: 500 },
} as const satisfies Record<string, { kind: ErrorKind; status: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The one error type agentweb throws on purpose. Anything else reaching an adapter is a bug and is
 * reported as `INTERNAL` without its stack.
 *
 * @example
 * throw new AgentwebError("INVALID_URL", `not an http(s) URL: ${input}`, { data: { input } });
 */
export class AgentwebError extends Error {
  readonly code: ErrorCode;
  readonly data: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; data?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AgentwebError";
    this.code = code;
    this.data = options?.data;
  }

  get kind(): ErrorKind {
    return ERROR_CODES[this.code].kind;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

/** True when `err` is an {@link AgentwebError}, optionally with one of `codes`. */
export function isAgentwebError(err: unknown, ...codes: ErrorCode[]): err is AgentwebError {
  return err instanceof AgentwebError && (codes.length === 0 || codes.includes(err.code));
}
