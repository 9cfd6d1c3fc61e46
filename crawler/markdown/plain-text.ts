/**
 * Markdown → plain text, for measuring how much readable text a page has (thin/JS checks) and for
 * word-level scoring against plain-text ground truth.
 */
import { inlineHtmlToText } from "./inline-html.js";
import { type LinkSyntax, replaceLinks } from "./link-syntax.js";

/** Link and image text is kept (escaped brackets included); the URL goes. */
const LINK: LinkSyntax = { escapes: true, maxText: 1000, urlNoSpace: true, maxUrl: 4000 };
const IMAGE: LinkSyntax = { ...LINK, image: true };
/** `[](url)`: an empty link, nothing to read. */
const EMPTY_LINK: LinkSyntax = { blankText: true, maxText: 10, urlNoSpace: true, maxUrl: 4000 };
const keepText = (text: string): string => text;

/**
 * Strips markdown syntax, keeping the words (code text, link text, image alt text).
 *
 * @example markdownToPlainText("# Title\n\nSee [docs](https://x.test/).") // "Title\n\nSee docs."
 */
export function markdownToPlainText(markdown: string): string {
  // Extraction asks for the same page's plain text more than once (thin and JS checks).
  if (markdown === lastPlain.markdown) return lastPlain.text;
  const text = plainTextOf(markdown);
  lastPlain = { markdown, text };
  return text;
}

let lastPlain = { markdown: "", text: "" };

function plainTextOf(markdown: string): string {
  // Line-local patterns throughout (`[^\S\n]`, not `\s`): a `^\s*` under the m flag runs on across
  // blank lines and retries from each of them, which is quadratic on a long run of newlines.
  const text = replaceLinks(
    replaceLinks(stripEmphasis(markdown).replace(/^[^\S\n]*(`{3,}|~{3,}).*$/gm, ""), IMAGE, keepText),
    LINK,
    keepText,
  )
    .replace(/^[^\S\n]*\|?[^\S\n]*:?-{3,}:?[^\S\n]*(\|[^\S\n]*:?-{3,}:?[^\S\n]*)*\|?[^\S\n]*$/gm, "")
    .replace(/^[^\S\n]*(>[^\S\n]?)+/gm, "")
    .replace(/^[^\S\n]*([-*+]|\d+[.)])[^\S\n]+/gm, "")
    // Headings after list markers: `## 1. Install` is a heading whose text starts with "1.".
    .replace(/^#{1,6}[^\S\n]+/gm, "")
    .replace(/<br>/g, " ");
  // After the link pass: a footnote link inside <sup> keeps its text.
  return spaceAroundPipes(inlineHtmlToText(text))
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, "$1")
    .replace(/`/g, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** `\s*\|\s*` → " ", without a regex that rescans every whitespace run that has no pipe. */
function spaceAroundPipes(text: string): string {
  if (!text.includes("|")) return text;
  const parts = text.split("|");
  const last = parts.length - 1;
  return parts.map((p, i) => (i === 0 ? p.trimEnd() : i === last ? p.trimStart() : p.trim())).join(" ");
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
      if (!EMPHASIS_CHAR.test(line)) return line;
      // Odd-indexed parts are inline code spans.
      return line
        .split(/((?<!\\)`+[^`]*`+)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replace(EMPHASIS, "")))
        .join("");
    })
    .join("\n");
}

/** A line without any of these has no emphasis delimiter to strip. */
const EMPHASIS_CHAR = /[*_~]/;
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
  const body = replaceLinks(
    replaceLinks(isTitle ? markdown.slice(first[0].length) : markdown, IMAGE, () => ""),
    EMPTY_LINK,
    () => "",
  );
  return plainTextOf(body);
}
