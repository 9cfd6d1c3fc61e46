import { ZodError, type z } from "zod";
import { AgentwebError, ERROR_CODES, type ErrorCode } from "../../schemas/errors.js";

/** What a user is told about a failure: the stable code, its HTTP status and one line of text. */
export interface ErrorView {
  code: ErrorCode;
  status: number;
  /** One line; for bad input each issue names the field as the user's adapter spells it. */
  message: string;
  /** For bad input: each issue on its own, under the field's name. */
  issues?: { field: string; message: string }[];
}

export interface ErrorViewOptions {
  /**
   * How the user's adapter names a schema field. Default: the field's own name, as HTTP query
   * parameters, JSON bodies and MCP tool arguments spell it; the CLI names its flags.
   */
  field?: (path: readonly PropertyKey[]) => string;
  /** The raw input, to quote a bad value that an issue does not carry (see {@link parseInput}). */
  input?: unknown;
}

/**
 * The one error view behind the CLI's stderr line, HTTP's problem+json and MCP's tool errors:
 * agentweb errors keep their code and message, schema errors become INVALID_INPUT with one line
 * per issue (`mode must be one of text, vector, hybrid (got "fuzzy")`), anything else is INTERNAL
 * with no detail (its message may hold internals).
 *
 * @example
 * toErrorView(zodError, { field: (p) => `--${String(p[0])}` }).message
 * // '--mode must be one of text, vector, hybrid (got "fuzzy")'
 */
export function toErrorView(err: unknown, options: ErrorViewOptions = {}): ErrorView {
  if (err instanceof ZodError) {
    const field = options.field ?? ((path) => path.map(String).join(".") || "input");
    const issues = err.issues.map((issue) => {
      const rule = describeIssue(issue, refusedValue(issue, options.input));
      const name = field(issue.path);
      return { field: name, message: rule.startsWith(":") ? `${name}${rule}` : `${name} ${rule}` };
    });
    return {
      code: "INVALID_INPUT",
      status: ERROR_CODES.INVALID_INPUT.status,
      message: issues.map((i) => i.message).join("; "),
      issues,
    };
  }
  if (err instanceof AgentwebError)
    return { code: err.code, status: err.status, message: oneLine(err.message) };
  return { code: "INTERNAL", status: ERROR_CODES.INTERNAL.status, message: "internal error" };
}

/**
 * Parses user input so that a failure can quote the bad value: the ZodError's issues carry the
 * input they refused (zod leaves it out by default).
 *
 * @example const request = parseInput(SearchRequest, { q: "retries", k: "5" });
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw result.error;
  return result.data;
}

type Issue = z.core.$ZodIssue;

/** The rule a value broke, worded to follow the field's name (`: …` for a schema's own message). */
function describeIssue(issue: Issue, value: Known): string {
  const got = value.known && value.value !== undefined ? ` (got ${quote(value.value)})` : "";
  switch (issue.code) {
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${quote(issue.values[0])}${got}`
        : `must be one of ${issue.values.map(String).join(", ")}${got}`;
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "must not be empty";
      return `must be ${issue.inclusive === false ? "more than" : "at least"} ${issue.minimum}${unit(issue.origin)}${got}`;
    case "too_big":
      return `must be ${issue.inclusive === false ? "less than" : "at most"} ${issue.maximum}${unit(issue.origin)}${got}`;
    case "invalid_type":
      if (value.known && value.value === undefined) return "is required";
      return `must be ${article(issue.expected)}${got}`;
    case "invalid_format":
      if (issue.format === "starts_with")
        return `must start with ${quote((issue as z.core.$ZodIssueStringStartsWith).prefix)}${got}`;
      if (issue.format === "url") return `must be a URL${got}`;
      if (!/^Invalid/.test(issue.message)) return `${ownMessage(issue)}${got}`;
      return issue.format === "regex"
        ? `must match ${issue.pattern}${got}`
        : `must be a valid ${issue.format}${got}`;
    case "unrecognized_keys":
      return `has unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}`;
    default:
      return `${ownMessage(issue)}${got}`;
  }
}

/** A value and whether it is known: zod leaves the input out of an issue unless asked. */
type Known = { known: boolean; value: unknown };

/** The refused value: the issue's own (see parseInput), else the raw input's at that path. */
function refusedValue(issue: Issue, input: unknown): Known {
  if ("input" in issue) {
    // A number field given text coerces to NaN, which says nothing about what was sent.
    return Number.isNaN(issue.input)
      ? { known: false, value: undefined }
      : { known: true, value: issue.input };
  }
  if (input === undefined || issue.path.length === 0) return { known: false, value: undefined };
  let value: unknown = input;
  for (const key of issue.path) {
    if (value === null || typeof value !== "object") return { known: false, value: undefined };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { known: true, value };
}

function unit(origin: string): string {
  if (origin === "string") return " characters";
  if (origin === "array" || origin === "set") return " items";
  return "";
}

function article(expected: string): string {
  if (expected === "int") return "a whole number";
  return `${/^[aeiou]/i.test(expected) ? "an" : "a"} ${expected}`;
}

function quote(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return Array.isArray(value) ? "a list" : typeof value;
}

/**
 * A schema's own message: one that starts with the field's name ("q must not be empty") has it
 * replaced by the adapter's name; any other follows a colon.
 */
function ownMessage(issue: Issue): string {
  const name = String(issue.path[issue.path.length - 1] ?? "");
  return name && issue.message.startsWith(`${name} `)
    ? issue.message.slice(name.length + 1)
    : `: ${issue.message}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
