/**
 * HTML → markdown with turndown, the GFM task-list plugin and agentweb's rule table (rules.ts),
 * then the cleanup pass. Accepts a DOM element (from linkedom or jsdom) or an HTML string.
 */
import TurndownService from "turndown";
import { taskListItems } from "turndown-plugin-gfm";
import type { Heading } from "../../schemas/page.js";
import { parseWithLinkedom } from "../extract/parse-dom.js";
import { cleanupMarkdown } from "./cleanup.js";
import { escapeMarkdownText, resolveBlockEscapes } from "./escape.js";
import { unshieldWhitespace } from "./long-whitespace.js";
import { applyRules } from "./rules.js";

export interface ToMarkdownOptions {
  /** Base URL for relative links and images (default: leave unresolvable ones out). */
  baseUrl?: string;
}

export interface MarkdownResult {
  markdown: string;
  /** Headings of the markdown in order, with level, text and anchor. */
  headings: Heading[];
}

/**
 * Converts an element (or HTML string) to clean markdown and lists its headings.
 *
 * @example
 * toMarkdown('<h2 id="use">Use</h2><pre class="language-sh"><code>npm i</code></pre>').markdown
 * // "## Use\n\n```sh\nnpm i\n```\n"
 */
export function toMarkdown(input: Element | string, options: ToMarkdownOptions = {}): MarkdownResult {
  const root = typeof input === "string" ? parseWithLinkedom(input)?.document.body : input;
  if (!root) return { markdown: "", headings: [] };
  const headings: Heading[] = [];
  const service = new TurndownService({
    headingStyle: "atx",
    bulletListMarker: "-",
    codeBlockStyle: "fenced",
    fence: "```",
    emDelimiter: "_",
    strongDelimiter: "**",
    hr: "---",
    linkStyle: "inlined",
    // A <br> is a plain newline: agents read the text, and trailing-space hard breaks are invisible.
    br: "",
  });
  service.escape = escapeMarkdownText;
  service.use(taskListItems);
  applyRules(service, { baseUrl: options.baseUrl ?? "", headings });
  const raw = service.turndown(root as unknown as TurndownService.Node);
  return { markdown: cleanupMarkdown(resolveBlockEscapes(unshieldWhitespace(raw))), headings };
}
