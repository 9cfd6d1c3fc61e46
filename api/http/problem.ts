import type { Context } from "hono";
import type { ErrorCode } from "../../schemas/errors.js";
import { toErrorView } from "../ops/error-view.js";

/** An RFC 9457 problem document with agentweb's stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: { path: string; message: string }[];
}

/**
 * Maps any thrown value to a problem through the error view the CLI and MCP share: agentweb
 * errors keep their code and status, schema errors become 400 with each issue listed under the
 * parameter's name, anything else is a 500 whose details stay in the log.
 *
 * @example toProblem(new AgentwebError("NOT_FOUND", "no stored page")) // { status: 404, code: "NOT_FOUND", … }
 */
export function toProblem(err: unknown): Problem {
  const view = toErrorView(err);
  const errors = view.issues?.map((i) => ({ path: i.field, message: i.message }));
  return problem(view.code, view.status, view.message, errors);
}

function problem(code: ErrorCode, status: number, detail: string, errors?: Problem["errors"]): Problem {
  const title = code.toLowerCase().replaceAll("_", " ");
  return {
    type: `https://agentweb.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`,
    title: title.charAt(0).toUpperCase() + title.slice(1),
    status,
    code,
    detail,
    ...(errors ? { errors } : {}),
  };
}

/** Sends a problem as `application/problem+json`. */
export function sendProblem(c: Context, p: Problem): Response {
  return c.body(JSON.stringify(p), p.status as 400, { "content-type": "application/problem+json" });
}
