/** Media types parsed, never substring-matched (DESIGN.md habit 13), and what the crawler does with each. */

export interface MediaType {
  /** "type/subtype", lower-cased. */
  type: string;
  params: Record<string, string>;
}

/** What the crawler does with a response body. */
export type BodyKind = "html" | "markdown" | "plain" | "skip";

/**
 * Parses a Content-Type header per RFC 9110 §8.3.1; undefined when absent or malformed.
 *
 * @example parseMediaType('text/html; charset="UTF-8"') // { type: "text/html", params: { charset: "UTF-8" } }
 */
export function parseMediaType(header: string | undefined): MediaType | undefined {
  if (!header) return undefined;
  const [essence, ...rest] = header.split(";");
  const type = essence?.trim().toLowerCase() ?? "";
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) return undefined;
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
      value = value.slice(1, -1).replace(/\\(.)/g, "$1");
    if (key && !(key in params)) params[key] = value;
  }
  return { type, params };
}

const KINDS: Record<string, BodyKind> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/plain": "plain",
};

/**
 * Decides from the parsed media type (or, when there is none, the first bytes) what to do with a body.
 *
 * @example bodyKind(parseMediaType("application/pdf"), buf) // "skip"
 */
export function bodyKind(media: MediaType | undefined, body: Uint8Array): BodyKind {
  if (media) return KINDS[media.type] ?? "skip";
  // No Content-Type: sniff only the unambiguous case, an HTML document.
  const head = Buffer.from(body.subarray(0, 512)).toString("latin1").trimStart().toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html") ? "html" : "skip";
}
