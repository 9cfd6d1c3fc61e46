/**
 * Groups blocks into heading sections: each heading owns the blocks up to the next heading of any
 * level, and knows its path of enclosing headings and the anchor a citation should point to.
 */
import type { Heading } from "../../schemas/page.js";
import { matchHeadingAnchors } from "./heading-anchors.js";
import { headingPlainText } from "./heading-text.js";
import type { Block, HeadingBlock } from "./markdown-blocks.js";

export interface Section {
  /** Heading level 1–6, or 0 for content before the first heading. */
  level: number;
  /** Plain texts of the enclosing headings, outermost first, this section's own heading last. */
  headingPath: string[];
  /** This heading's anchor, else the nearest ancestor's, else "". */
  anchor: string;
  /** The heading's markdown, or null for content before the first heading. */
  heading: HeadingBlock | null;
  /** The blocks under the heading, up to the next heading of any level. */
  body: Block[];
}

interface OpenHeading {
  level: number;
  text: string;
  anchor: string | undefined;
}

/**
 * Sections in document order. Content before the first heading gets level 0, headingPath [] and
 * anchor "" (also when the page has no headings at all: the title is already on every chunk, so
 * repeating it in headingPath would only duplicate it in the indexer's embedding prefix).
 *
 * @example
 * buildSections(parseBlocks("# A\n\nx\n\n## B\n\ny"), []).map((s) => s.headingPath) // [["A"], ["A", "B"]]
 */
export function buildSections(blocks: readonly Block[], pageHeadings: readonly Heading[]): Section[] {
  const headingBlocks = blocks.filter((b): b is HeadingBlock => b.kind === "heading");
  const anchors = matchHeadingAnchors(headingBlocks, pageHeadings);
  const sections: Section[] = [];
  const stack: OpenHeading[] = [];
  let current: Section | null = null;
  let headingIndex = 0;
  for (const block of blocks) {
    if (block.kind !== "heading") {
      if (current === null) {
        current = { level: 0, headingPath: [], anchor: "", heading: null, body: [] };
        sections.push(current);
      }
      current.body.push(block);
      continue;
    }
    const anchor = anchors[headingIndex++];
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= block.level) stack.pop();
    stack.push({ level: block.level, text: headingPlainText(block.title), anchor });
    const nearest = [...stack].reverse().find((h) => h.anchor !== undefined)?.anchor ?? "";
    current = {
      level: block.level,
      headingPath: stack.map((h) => h.text).filter((t) => t.length > 0),
      anchor: nearest,
      heading: block,
      body: [],
    };
    sections.push(current);
  }
  return sections;
}
