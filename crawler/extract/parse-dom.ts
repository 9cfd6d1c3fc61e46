/**
 * HTML → DOM. linkedom first (several times faster than jsdom, a fraction of the memory), jsdom
 * as the fallback because linkedom is not a full HTML5 parser: it leaves
 * `document.body` missing on fragments and mis-nests some real pages.
 */
import { createRequire } from "node:module";
import { parseHTML } from "linkedom";

// jsdom takes ~1 s to load and is only the fallback: load it synchronously on first use, so a CLI
// command that never needs it does not pay for it.
const requireCjs = createRequire(import.meta.url);
let jsdomModule: typeof import("jsdom") | undefined;
const loadJsdom = () => {
  jsdomModule ??= requireCjs("jsdom") as typeof import("jsdom");
  return jsdomModule;
};

export interface ParsedDocument {
  document: Document;
  parser: "linkedom" | "jsdom";
  /** Frees parser resources (jsdom windows hold timers and a lot of memory). */
  dispose(): void;
}

/**
 * Drops NUL and other C0 control characters that no HTML page legitimately contains (binary junk
 * otherwise reaches text nodes verbatim), and the noncharacters U+FDD0–U+FDEF.
 *
 * @example sanitizeHtmlInput("a\u0000b") // "ab"
 */
export function sanitizeHtmlInput(html: string): string {
  // The markdown step uses those noncharacters as its own markers (tables, long whitespace).
  if (typeof html !== "string") return "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return html.replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F\uFDD0-\uFDEF]/g, "");
}

/**
 * Wraps markup that lacks `<html>`/`<body>` so that linkedom builds a complete document
 * (it returns a body-less document for fragments and for an empty string).
 *
 * @example ensureDocumentShell("<p>hi</p>") // "<!DOCTYPE html><html><head></head><body><p>hi</p></body></html>"
 */
export function ensureDocumentShell(html: string): string {
  const hasBody = /<body[\s>]/i.test(html);
  const hasHtml = /<html[\s>]/i.test(html);
  if (hasBody && hasHtml) return html;
  if (hasBody) return `<!DOCTYPE html><html>${html}</html>`;
  const headMatch = /<head[\s>][\s\S]*?<\/head>/i.exec(html);
  const head = headMatch ? headMatch[0] : "<head></head>";
  const rest = (headMatch ? html.replace(headMatch[0], "") : html)
    .replace(/<!doctype[^>]*>/i, "")
    .replace(/<\/?html[^>]*>/gi, "");
  return `<!DOCTYPE html><html>${head}<body>${rest}</body></html>`;
}

/**
 * Parses with linkedom; undefined when the result has no usable body.
 *
 * @example parseWithLinkedom("<html><body><p>x</p></body></html>")?.document.body.textContent // "x"
 */
export function parseWithLinkedom(html: string): ParsedDocument | undefined {
  try {
    const { document } = parseHTML(ensureDocumentShell(html)) as unknown as { document: Document };
    if (!document.documentElement || !document.body) return undefined;
    // linkedom makes a text node of every character reference (`&lt;&lt;…` is one node each):
    // merged, later steps see one node per run of text, as a browser builds it.
    document.documentElement.normalize();
    return { document, parser: "linkedom", dispose: () => {} };
  } catch {
    return undefined;
  }
}

/**
 * Parses with jsdom without running scripts or loading resources. jsdom's CSS parser crashes on a
 * few real pages, so on failure the `<style>` blocks are stripped and parsing is retried.
 *
 * @example parseWithJsdom("<p>x</p>", "https://example.test/")?.parser // "jsdom"
 */
export function parseWithJsdom(html: string, url: string): ParsedDocument | undefined {
  const safeUrl = /^https?:\/\//i.test(url) && URL.canParse(url) ? url : "https://invalid.invalid/";
  const attempt = (markup: string): ParsedDocument | undefined => {
    // A silent console: page markup errors are not our log lines.
    const { JSDOM, VirtualConsole } = loadJsdom();
    const dom = new JSDOM(markup, { url: safeUrl, virtualConsole: new VirtualConsole() });
    const document = dom.window.document;
    if (!document.body) {
      dom.window.close();
      return undefined;
    }
    const close = () => {
      try {
        dom.window.close();
      } catch {
        // jsdom's teardown recurses per nesting level and overflows on pathologically deep markup.
      }
    };
    return { document, parser: "jsdom", dispose: close };
  };
  try {
    return attempt(html);
  } catch {
    try {
      return attempt(html.replace(/<style[\s\S]*?<\/style>/gi, ""));
    } catch {
      return undefined;
    }
  }
}

/**
 * A parser-free estimate of the page's text length (tags, scripts, styles and comments stripped),
 * used to notice when linkedom lost most of a page.
 *
 * @example roughTextLength("<p>Hello <b>world</b></p><script>x()</script>") // 11
 */
export function roughTextLength(html: string): number {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, " ")
    .replace(/<style[\s\S]*?<\/style>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&[#\w]+;/g, "x")
    .replace(/\s+/g, " ")
    .trim().length;
}
