/**
 * Inline elements markdown has no syntax for, kept as inline HTML: `2<sup>7</sup>`,
 * `H<sub>2</sub>O`, `<kbd>Ctrl</kbd>`, `<abbr title="…">API</abbr>`. Dropping the tags loses the
 * meaning (`2<sup>7</sup>` read as `27` is a wrong number); `2^7` needs grouping rules for `10^-3`
 * or `x^(n+1)`, is read as XOR in code-heavy text, and collides with footnote markers (`^[1]`).
 * CommonMark and GFM pass these tags through and still read the markdown between them (a footnote
 * link inside `<sup>` stays a link), and the plain text drops them (`inlineHtmlToText`).
 */
import type { NamedRule } from "./rules.js";

const KEPT = ["SUP", "SUB", "KBD"];
const TAGS = /<\/?(?:sup|sub|kbd|abbr)(?:\s+title="[^"\n]*")?>/g;

const attribute = (value: string): string =>
  value.replace(/\s+/g, " ").trim().replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * The turndown rules, in the table's order (rules.ts).
 *
 * @example toMarkdown("<p>2<sup>7</sup> = 128</p>").markdown // "2<sup>7</sup> = 128\n"
 */
export const INLINE_HTML_RULES: NamedRule[] = [
  {
    name: "superscript-subscript-key",
    rule: () => ({
      filter: (node) => KEPT.includes(node.nodeName),
      replacement: (content, node) => {
        const tag = node.nodeName.toLowerCase();
        // A block inside (a <kbd> around a <div>) or no text: the content as is.
        if (!content.trim() || content.includes("\n")) return content;
        return `<${tag}>${content}</${tag}>`;
      },
    }),
  },
  {
    name: "abbreviation",
    rule: () => ({
      filter: (node) => node.nodeName === "ABBR" && (node as Element).hasAttribute("title"),
      replacement: (content, node) => {
        const title = attribute((node as Element).getAttribute("title") ?? "");
        if (!title || !content.trim() || content.includes("\n")) return content;
        return `<abbr title="${title}">${content}</abbr>`;
      },
    }),
  },
];

/**
 * The plain text of those tags: their content, as a reader sees it (`2<sup>7</sup>` → `27`).
 *
 * @example inlineHtmlToText('<abbr title="Application">API</abbr> 2<sup>7</sup>') // "API 27"
 */
export function inlineHtmlToText(markdown: string): string {
  return markdown.includes("<") ? markdown.replace(TAGS, "") : markdown;
}
