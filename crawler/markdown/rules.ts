/**
 * The turndown rule table: one named rule per construct, in ONE place.
 *
 * Precedence: the table is ordered from highest to lowest priority; the first rule whose filter
 * matches a node converts it. (Turndown tries the most recently added rule first, so
 * `applyRules` adds them in reverse.) Below the table come the GFM plugin's task-list rule and
 * then turndown's CommonMark defaults (paragraphs, emphasis, inline code, blockquotes, lists, hr).
 * Overlaps that the order settles: an admonition title before headings; permalinks before links;
 * code blocks before the admonition/table rules that may contain them; inline code before links
 * (a code span wholly one link renders the link itself); an admonition before the indented-code
 * blockquote (a note holding only code stays a note); table cells before the generic block
 * handling of TD/TH.
 */
import type TurndownService from "turndown";
import type { Heading } from "../../schemas/page.js";
import { admonitionKind, admonitionLabel, admonitionTitle, isAdmonitionTitle } from "./admonition.js";
import { codeBlockMarkdown, longestBacktickRun } from "./code-block.js";
import { BLOCK_ESCAPE } from "./escape.js";
import { headingAnchor } from "./heading-anchor.js";
import { INLINE_HTML_RULES, inlineHtmlToText } from "./inline-html.js";
import { replaceLinks } from "./link-syntax.js";
import { unshieldWhitespace } from "./long-whitespace.js";
import {
  closestTable,
  isDataTable,
  isListTable,
  listTableMarkdown,
  tableCellMarkdown,
  tableMarkdown,
  tableRowMarkdown,
} from "./tables.js";

export interface RuleContext {
  /** Base for relative links and images. */
  baseUrl: string;
  /** Headings in the order they are rendered (filled while converting). */
  headings: Heading[];
}

export interface NamedRule {
  name: string;
  rule: (ctx: RuleContext) => TurndownService.Rule;
}

const GLYPHS = /^(?:[\s¶#§🔗⚓]|\uFE0F)*$/u;
const UNRENDERED = [
  "script",
  "style",
  "template",
  "noscript",
  "iframe",
  "object",
  "embed",
  "canvas",
  "svg",
  "select",
  "textarea",
  "button",
  "head",
];

function resolveUrl(href: string, base: string): string | undefined {
  try {
    const url = new URL(href.trim(), base || undefined);
    if (!/^(https?|mailto|tel):$/.test(url.protocol)) return undefined;
    return url.href.replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/ /g, "%20");
  } catch {
    return undefined;
  }
}

const EDGE_GLYPH = /^[\s¶#§🔗]$/u;

/** Heading text: images out, links as their text, permalink glyphs at either end out. */
function plainHeadingText(content: string): string {
  const text = replaceLinks(
    replaceLinks(
      inlineHtmlToText(unshieldWhitespace(content)).replaceAll(BLOCK_ESCAPE, ""),
      { image: true, multiline: true },
      () => "",
    ),
    { multiline: true },
    (linkText) => linkText,
  ).replace(/\s+/g, " ");
  // By index: `[…]+$` retries from every glyph of a long run that does not end the text.
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && EDGE_GLYPH.test(chars[start]!)) start++;
  while (end > start && EDGE_GLYPH.test(chars[end - 1]!)) end--;
  return chars.slice(start, end).join("").trim();
}

function blockquote(text: string): string {
  return text
    .split("\n")
    .map((l) => (l ? `> ${l}` : ">"))
    .join("\n");
}

/**
 * One code span from the code's plain text: markup inside it (`<em>`, `<var>`, DocBook's
 * `<replaceable>`, a nested `<code>`) would otherwise become nested spans or emphasis markers
 * (``TRUNCATE TABLE _`t`_``). A code element that is wholly one link stays a link around the span.
 */
function inlineCodeMarkdown(el: Element, baseUrl: string): string {
  const code = spanText(el);
  if (!code) return "";
  const marks = "`".repeat(longestBacktickRun(code) + 1);
  const pad = /^`|`$/.test(code) ? " " : "";
  const span = `${marks}${pad}${code}${pad}${marks}`;
  const links = el.querySelectorAll("a[href]");
  const link = links.length === 1 ? links[0]! : undefined;
  const url =
    link && spanText(link) === code ? resolveUrl(link.getAttribute("href") ?? "", baseUrl) : undefined;
  return url ? `[${span}](${url})` : span;
}

/** Text of an inline element with `<br>` as a space and unrendered elements (buttons) left out. */
function spanText(el: Element): string {
  let out = "";
  const walk = (node: Node): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3 || child.nodeType === 4) out += (child as Text).data;
      else if (child.nodeType !== 1) continue;
      else if (child.nodeName === "BR") out += " ";
      else if (!UNRENDERED.includes(child.nodeName.toLowerCase())) walk(child);
    }
  };
  walk(el);
  return out.replace(/\s+/g, " ").trim();
}

function hasPreAncestor(node: Node): boolean {
  for (let cur = node.parentNode; cur; cur = cur.parentNode) if (cur.nodeName === "PRE") return true;
  return false;
}

/** A blockquote that holds nothing but one `<pre>` (whitespace aside). */
function isLonePre(el: Element): boolean {
  const children = [...el.childNodes].filter(
    (c) => !(c.nodeType === 3 && !(c.textContent ?? "").trim()) && c.nodeType !== 8,
  );
  return children.length === 1 && children[0]!.nodeName === "PRE";
}

/** Position of each `<li>` in its list, computed once per list (indexOf per item was quadratic). */
const itemIndexes = new WeakMap<Element, Map<Element, number>>();

function itemIndex(list: Element, item: Element): number {
  let indexes = itemIndexes.get(list);
  if (!indexes) {
    indexes = new Map([...list.children].map((child, i) => [child, i]));
    itemIndexes.set(list, indexes);
  }
  return indexes.get(item) ?? 0;
}

/** The rule table, highest precedence first. */
export const MARKDOWN_RULES: readonly NamedRule[] = [
  {
    name: "unrendered",
    rule: () => ({
      filter: (node) => UNRENDERED.includes(node.nodeName.toLowerCase()),
      replacement: () => "",
    }),
  },
  {
    name: "admonition-title",
    rule: () => ({ filter: (node) => isAdmonitionTitle(node), replacement: () => "" }),
  },
  {
    name: "permalink",
    rule: () => ({
      filter: (node) =>
        node.nodeName === "A" &&
        GLYPHS.test(node.textContent ?? "") &&
        !node.querySelector("img") &&
        (node.getAttribute("href") ?? "").startsWith("#"),
      replacement: () => "",
    }),
  },
  {
    name: "heading",
    rule: (ctx) => ({
      filter: ["h1", "h2", "h3", "h4", "h5", "h6"],
      replacement: (content, node) => {
        const el = node as Element;
        const level = Number(el.getAttribute("data-aw-level") ?? el.nodeName.slice(1)) || 2;
        const text = plainHeadingText(content);
        if (!text) return "";
        const anchor = headingAnchor(el);
        // Heading text for citations and chunk paths: no code ticks or emphasis markers.
        const plain = text
          .replace(/`/g, "")
          .replace(/\*\*|__/g, "")
          .replace(/\\([\\`*_[\]#+\-.!>~|])/g, "$1");
        ctx.headings.push(anchor ? { level, text: plain, anchor } : { level, text: plain });
        return `\n\n${"#".repeat(level)} ${text}\n\n`;
      },
    }),
  },
  {
    name: "code-block",
    rule: () => ({
      filter: "pre",
      replacement: (_content, node) => {
        const md = codeBlockMarkdown(node as Element);
        return md ? `\n\n${md}\n\n` : "";
      },
    }),
  },
  {
    name: "inline-code",
    rule: (ctx) => ({
      filter: (node) => node.nodeName === "CODE" && !hasPreAncestor(node),
      replacement: (_content, node) => inlineCodeMarkdown(node as Element, ctx.baseUrl),
    }),
  },
  {
    name: "admonition",
    rule: () => ({
      filter: (node) => admonitionKind(node) !== undefined,
      replacement: (content, node) => {
        const el = node as Element;
        const kind = admonitionKind(el) ?? "note";
        const label = `**${admonitionLabel(kind, admonitionTitle(el)?.textContent ?? "")}:**`;
        const body = content.trim();
        if (!body) return "";
        const startsWithBlock = /^(```|~~~|[-*+] |\d+[.)] |\||#|>)/.test(body);
        const text = startsWithBlock ? `${label}\n\n${body}` : `${label} ${body}`;
        return `\n\n${blockquote(text)}\n\n`;
      },
    }),
  },
  {
    name: "indented-code",
    rule: () => ({
      // <blockquote><pre> is an old way to indent code (SQLite, man pages), not a quotation.
      filter: (node) => node.nodeName === "BLOCKQUOTE" && isLonePre(node as Element),
      replacement: (content) => `\n\n${content.trim()}\n\n`,
    }),
  },
  {
    name: "table-cell",
    rule: () => ({
      filter: (node) =>
        (node.nodeName === "TD" || node.nodeName === "TH") && isDataTable(closestTable(node) ?? node),
      replacement: (content, node) => tableCellMarkdown(content, node as Element),
    }),
  },
  {
    name: "table-row",
    rule: () => ({
      filter: (node) => node.nodeName === "TR" && isDataTable(closestTable(node) ?? node),
      replacement: (content) => tableRowMarkdown(content),
    }),
  },
  {
    name: "table",
    rule: () => ({
      filter: (node) => node.nodeName === "TABLE",
      replacement: (content, node) => {
        const el = node as Element;
        if (isDataTable(el)) return tableMarkdown(content, el);
        return isListTable(el) ? listTableMarkdown(content) : `\n\n${content}\n\n`;
      },
    }),
  },
  {
    name: "definition-term",
    rule: () => ({
      filter: "dt",
      replacement: (content) => {
        const text = content.trim();
        return text ? `\n\n${text.includes("\n") ? text : `**${text.replace(/^\*\*|\*\*$/g, "")}**`}\n` : "";
      },
    }),
  },
  {
    name: "definition-description",
    rule: () => ({
      filter: "dd",
      replacement: (content) => {
        const text = content.trim();
        if (!text) return "";
        return text.includes("\n") ? `\n\n${text}\n\n` : `: ${text}\n`;
      },
    }),
  },
  {
    name: "image",
    rule: (ctx) => ({
      filter: "img",
      replacement: (_content, node) => {
        const el = node as Element;
        const alt = (el.getAttribute("alt") ?? "").replace(/\s+/g, " ").trim();
        if (!alt) return "";
        const candidates = [
          el.getAttribute("src"),
          el.getAttribute("data-src"),
          el.getAttribute("data-original"),
          el.getAttribute("data-lazy-src"),
          (el.getAttribute("srcset") ?? "").trim().split(/\s+/)[0],
        ];
        const src = candidates.find((s) => s && !/^data:/i.test(s.trim()));
        const url = src ? resolveUrl(src, ctx.baseUrl) : undefined;
        return url ? `![${alt.replace(/[[\]]/g, "\\$&")}](${url})` : "";
      },
    }),
  },
  {
    name: "link",
    rule: (ctx) => ({
      filter: (node) => node.nodeName === "A" && node.hasAttribute("href"),
      replacement: (content, node) => {
        const text = content.trim();
        if (!text || GLYPHS.test(text)) return "";
        const url = resolveUrl((node as Element).getAttribute("href") ?? "", ctx.baseUrl);
        // A link around blocks (a card) keeps its blocks; the URL is in Page.links.
        if (!url || text.includes("\n")) return content;
        // A link around a heading: the heading keeps its place and holds the link (`[## x](…)` is
        // not markdown).
        const heading = /^(#{1,6}) (.+)$/.exec(text);
        if (heading && (node as Element).querySelector("h1, h2, h3, h4, h5, h6"))
          return `\n\n${heading[1]} [${heading[2]}](${url})\n\n`;
        return `[${text}](${url})`;
      },
    }),
  },
  {
    name: "list-item",
    rule: () => ({
      filter: "li",
      replacement: (content, node, options) => {
        const parent = node.parentNode as Element | null;
        let prefix = `${options.bulletListMarker} `;
        if (parent?.nodeName === "OL") {
          const start = Number(parent.getAttribute("start") ?? "1");
          const index = itemIndex(parent, node as Element);
          prefix = `${(Number.isFinite(start) ? start : 1) + index}. `;
        }
        // Trailing newlines off by index: `/\n+$/` rescans every newline run (code in an item).
        let end = content.length;
        while (end > 0 && content[end - 1] === "\n") end--;
        const body = content
          .slice(0, end)
          .replace(/^\n+/, "")
          .replace(/\n(?=.)/g, `\n${" ".repeat(prefix.length)}`);
        return `${prefix}${body}${node.nextSibling ? "\n" : ""}`;
      },
    }),
  },
  ...INLINE_HTML_RULES,
  {
    name: "strikethrough",
    rule: () => ({
      filter: (node) => ["DEL", "S", "STRIKE"].includes(node.nodeName),
      replacement: (content) => (content.trim() ? `~~${content}~~` : ""),
    }),
  },
];

/**
 * Adds the rule table to a turndown service (reverse order, since turndown tries the last added first).
 *
 * @example applyRules(new TurndownService(), { baseUrl: "https://x.test/", headings: [] })
 */
export function applyRules(service: TurndownService, ctx: RuleContext): void {
  for (let i = MARKDOWN_RULES.length - 1; i >= 0; i--) {
    const named = MARKDOWN_RULES[i]!;
    service.addRule(named.name, named.rule(ctx));
  }
}
