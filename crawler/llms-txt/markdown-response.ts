import { isHtmlType } from "../fetch/media-type.js";
import type { GetOk } from "../fetch/safe-get.js";
import { looksLikeHtml } from "./decode-input.js";

const MARKDOWN_TYPES = new Set(["text/markdown", "text/x-markdown", "text/plain", "application/markdown"]);

const success = (res: GetOk): boolean => res.status >= 200 && res.status < 300;

/**
 * True when a response is a readable markdown (or plain-text) document: a 2xx with a markdown or
 * text media type (raw hosts serve `.md` as text/plain) and a body that is not an HTML page.
 *
 * @example isMarkdownResponse(getOk({ url, status: 200, headers: { "content-type": "text/markdown" }, body })) // true
 */
export function isMarkdownResponse(res: GetOk): boolean {
  if (!success(res)) return false;
  const type = res.media?.type ?? "";
  const typed =
    MARKDOWN_TYPES.has(type) ||
    ((type === "" || type === "application/octet-stream") &&
      /\.(md|txt)$/i.test(new URL(res.finalUrl).pathname));
  return typed && !looksLikeHtml(res.text);
}

/**
 * True when a response is an HTML page.
 *
 * @example isHtmlResponse(getOk({ url, status: 200, headers: { "content-type": "text/html" }, body })) // true
 */
export function isHtmlResponse(res: GetOk): boolean {
  return success(res) && (isHtmlType(res.media) || looksLikeHtml(res.text));
}
