/**
 * Escaping of text nodes. Turndown's default escapes every `_`, `*`, `[` and `]`, which turns
 * `snake_case` into `snake\_case` all over API docs; this one escapes only what markdown would
 * actually misread: emphasis delimiters at word boundaries, link-like brackets, backticks and
 * block markers at the start of a text node.
 */
import { linkOpeners } from "./link-syntax.js";
import { shieldLongWhitespace } from "./long-whitespace.js";

/**
 * Stand-in for the backslash of a block-marker escape (a Unicode noncharacter, kept out of page
 * text by sanitizeHtmlInput): `_>_` in the middle of a sentence needs no backslash, a line that
 * starts with `>` does.
 */
export const BLOCK_ESCAPE = "\uFDE6";
/** What may stand before a block marker on its line and still leave it at the start of a block. */
const BLOCK_PREFIX = /^[ \t]*(?:>[ \t]*|[-*+][ \t]+|\d{1,9}[.)][ \t]+)*$/;

/**
 * Writes each stand-in as a backslash where its marker starts a block (only indentation, quote or
 * list markers before it on the line) and drops it elsewhere.
 *
 * @example resolveBlockEscapes("a _\uFDE6>_ b\n\uFDE6> c") // "a _>_ b\n\\> c"
 */
export function resolveBlockEscapes(markdown: string): string {
  if (!markdown.includes(BLOCK_ESCAPE)) return markdown;
  return markdown
    .split("\n")
    .map((line) => {
      if (!line.includes(BLOCK_ESCAPE)) return line;
      const parts = line.split(BLOCK_ESCAPE);
      let out = parts[0]!;
      for (let i = 1; i < parts.length; i++) out += (startsBlock(out) ? "\\" : "") + parts[i];
      return out;
    })
    .join("\n");
}

/** `1.` is escaped between its digits and its dot: the digits belong to the marker. */
const startsBlock = (before: string): boolean =>
  BLOCK_PREFIX.test(before) || BLOCK_PREFIX.test(before.replace(/\d{1,9}$/, ""));

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
        // Block markers matter only where the text node starts a line, which turndown decides
        // later: they get a stand-in backslash that resolveBlockEscapes keeps or drops.
        .replace(/^(#{1,6})(?=\s|$)/, `${BLOCK_ESCAPE}$1`)
        .replace(/^([-+])(?=\s)/, `${BLOCK_ESCAPE}$1`)
        .replace(/^(\d+)([.)])(?=\s)/, `$1${BLOCK_ESCAPE}$2`)
        .replace(/^>/, `${BLOCK_ESCAPE}>`)
        // A lone "=" text node is usually inline (Sphinx signatures render `lo=0` as three nodes):
        // only a run of two or more can pass for a setext underline worth escaping.
        .replace(/^(={2,}|-{3,})\s*$/, `${BLOCK_ESCAPE}$1`)
        .replace(/^~~~/, `${BLOCK_ESCAPE}~~~`),
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
