import { looksLikeHtml } from "./decode-input.js";
import type { FetchedText } from "./fetch-text.js";

const MARKDOWN_TYPES = new Set(["text/markdown", "text/x-markdown", "text/plain", "application/markdown"]);

/**
 * True when a response is a readable markdown (or plain-text) document: a 2xx with a markdown or
 * text media type (raw hosts serve `.md` as text/plain) and a body that is not an HTML page.
 *
 * @example isMarkdownResponse({ status: 200, mediaType: "text/markdown", body: "# Hi", … }) // true
 */
export function isMarkdownResponse(res: FetchedText): boolean {
  if (res.status < 200 || res.status >= 300) return false;
  const typed =
    MARKDOWN_TYPES.has(res.mediaType) ||
    ((res.mediaType === "" || res.mediaType === "application/octet-stream") &&
      /\.(md|txt)$/i.test(new URL(res.finalUrl).pathname));
  return typed && !looksLikeHtml(res.body);
}

/**
 * True when a response is an HTML page.
 *
 * @example isHtmlResponse({ status: 200, mediaType: "text/html", body: "<p>", … }) // true
 */
export function isHtmlResponse(res: FetchedText): boolean {
  return (
    res.status >= 200 &&
    res.status < 300 &&
    (res.mediaType === "text/html" || res.mediaType === "application/xhtml+xml" || looksLikeHtml(res.body))
  );
}
