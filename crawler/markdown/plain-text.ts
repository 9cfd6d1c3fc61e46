/**
 * Markdown → plain text, for measuring how much readable text a page has (thin/JS checks) and for
 * word-level scoring against plain-text ground truth.
 */

/**
 * Strips markdown syntax, keeping the words (code text, link text, image alt text).
 *
 * @example markdownToPlainText("# Title\n\nSee [docs](https://x.test/).") // "Title\n\nSee docs."
 */
export function markdownToPlainText(markdown: string): string {
  return (
    stripEmphasis(markdown)
      .replace(/^\s*(`{3,}|~{3,}).*$/gm, "")
      // Bounded link text and URL: unbounded classes were quadratic on runs of "[" or "](" . Link
      // and alt text may hold escaped brackets ("[File: Reuters]" in a caption).
      .replace(/!\[((?:\\.|[^\]\\\n]){0,1000})\]\([^)\s]{0,4000}\)/g, "$1")
      .replace(/\[((?:\\.|[^\]\\\n]){0,1000})\]\([^)\s]{0,4000}\)/g, "$1")
      .replace(/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/gm, "")
      .replace(/^#{1,6}\s+/gm, "")
      .replace(/^\s*(>\s?)+/gm, "")
      .replace(/^\s*([-*+]|\d+[.)])\s+/gm, "")
      .replace(/<br>/g, " ")
      .replace(/\s*\|\s*/g, " ")
      .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, "$1")
      .replace(/`/g, "")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}

/**
 * Emphasis delimiters (`_em_`, `**strong**`, `~~del~~`) outside code. Text-node underscores and
 * asterisks at a word boundary are escaped (escape.ts), so an unescaped one there is a delimiter;
 * left in, `_Reuters_` would read as the words "_Reuters_". Code keeps its `__init__` and `**kwargs`.
 */
function stripEmphasis(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split("\n")
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
        return line;
      }
      if (marker) {
        fence = marker;
        return line;
      }
      // Odd-indexed parts are inline code spans.
      return line
        .split(/((?<!\\)`+[^`]*`+)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replace(EMPHASIS, "")))
        .join("");
    })
    .join("\n");
}

const EMPHASIS = /(?<!\\)(\*\*|__|~~)|(?<![\p{L}\p{N}\\])_(?=\S)|(?<=[^\s\\])_(?![\p{L}\p{N}])/gu;

/**
 * The main text of a page, as the `text` field of `extract --json` and the article benchmark see
 * it: the markdown's prose without the leading title heading (the page title is its own field)
 * and without images (alt text describes a picture; it is not text a reader reads on the page).
 *
 * @example markdownToMainText("# Title\n\n![logo](https://x.test/l.png)\n\nBody.") // "Body."
 */
export function markdownToMainText(markdown: string, titleHeading?: string): string {
  // The title heading may be an h2 (DocBook pages have no h1): drop a leading heading of any level
  // when it is the known title heading, else only a leading h1.
  const first = /^(#{1,6}) ([^\n]*)\n+/.exec(markdown);
  const isTitle =
    first && (first[1] === "#" || (titleHeading !== undefined && first[2]!.trim() === titleHeading));
  const body = (isTitle ? markdown.slice(first[0].length) : markdown)
    .replace(/!\[(?:\\.|[^\]\\\n]){0,1000}\]\([^)\s]{0,4000}\)/g, "")
    .replace(/\[\s{0,10}\]\([^)\s]{0,4000}\)/g, "");
  return markdownToPlainText(body);
}
