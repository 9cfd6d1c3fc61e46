/**
 * Escaping of text nodes. Turndown's default escapes every `_`, `*`, `[` and `]`, which turns
 * `snake_case` into `snake\_case` all over API docs; this one escapes only what markdown would
 * actually misread: emphasis delimiters at word boundaries, link-like brackets, backticks and
 * block markers at the start of a text node.
 */

/**
 * Escapes a text node for markdown.
 *
 * @example escapeMarkdownText("use snake_case, not *this*") // "use snake_case, not \\*this\\*"
 */
export function escapeMarkdownText(text: string): string {
  return (
    text
      // A backslash only escapes ASCII punctuation: keep `C:\path` as is.
      .replace(/\\(?=[!-/:-@[-`{-~])/g, "\\\\")
      .replace(/`/g, "\\`")
      .replace(/\*(?=\S)|(?<=\S)\*/g, "\\*")
      .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_")
      // Bounded lookahead: an unbounded one was quadratic on 100k "[" characters.
      .replace(/\[(?=[^\]\n]{0,1000}\]\()/g, "\\[")
      .replace(/^(#{1,6})(?=\s|$)/, "\\$1")
      .replace(/^([-+])(?=\s)/, "\\$1")
      .replace(/^(\d+)([.)])(?=\s)/, "$1\\$2")
      .replace(/^>/, "\\>")
      // A lone "=" text node is usually inline (Sphinx signatures render `lo=0` as three nodes):
      // only a run of two or more can pass for a setext underline worth escaping.
      .replace(/^(={2,}|-{3,})\s*$/, "\\$1")
      .replace(/^~~~/, "\\~~~")
  );
}
