/**
 * Escaping of text nodes. Turndown's default escapes every `_`, `*`, `[` and `]`, which turns
 * `snake_case` into `snake\_case` all over API docs; this one escapes only what markdown would
 * actually misread: emphasis delimiters at word boundaries, link-like brackets, backticks and
 * block markers at the start of a text node.
 */
import { linkOpeners } from "./link-syntax.js";
import { shieldLongWhitespace } from "./long-whitespace.js";

/**
 * Escapes a text node for markdown.
 *
 * @example escapeMarkdownText("use snake_case, not *this*") // "use snake_case, not \\*this\\*"
 */
export function escapeMarkdownText(text: string): string {
  return shieldLongWhitespace(
    escapeLinkOpeners(
      text
        // A backslash only escapes ASCII punctuation: keep `C:\path` as is.
        .replace(/\\(?=[!-/:-@[-`{-~])/g, "\\\\")
        .replace(/`/g, "\\`")
        .replace(/\*(?=\S)|(?<=\S)\*/g, "\\*")
        .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_")
        .replace(/^(#{1,6})(?=\s|$)/, "\\$1")
        .replace(/^([-+])(?=\s)/, "\\$1")
        .replace(/^(\d+)([.)])(?=\s)/, "$1\\$2")
        .replace(/^>/, "\\>")
        // A lone "=" text node is usually inline (Sphinx signatures render `lo=0` as three nodes):
        // only a run of two or more can pass for a setext underline worth escaping.
        .replace(/^(={2,}|-{3,})\s*$/, "\\$1")
        .replace(/^~~~/, "\\~~~"),
    ),
  );
}

/** A `[` that would open a link (`[…](` follows within 1000 characters on its line) gets a backslash. */
function escapeLinkOpeners(text: string): string {
  const openers = linkOpeners(text, 1000);
  if (openers.length === 0) return text;
  let out = "";
  let from = 0;
  for (const at of openers) {
    out += `${text.slice(from, at)}\\`;
    from = at;
  }
  return out + text.slice(from);
}
