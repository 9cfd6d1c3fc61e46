/**
 * Heading-aware chunking of a page's markdown: the unit of search and of context packs.
 *
 * Rules, in order of precedence:
 * 1. A code fence or a table is never cut, except one over maxTokens, which is cut between lines
 *    into parts that each re-open the fence (with its info string) or repeat the table header.
 * 2. A chunk belongs to one heading section and starts with that section's heading line.
 *    The exception: a section whose whole text is tiny (under a quarter of the target, e.g. a
 *    heading with one line) absorbs the following sibling/child sections, or is absorbed by them,
 *    while the total stays within the target; the chunk keeps the first section's path and anchor.
 *    A heading with no body followed by its own subsection yields no chunk of its own when it cannot
 *    merge: its text lives on as the first element of the subsection's headingPath.
 * 3. Blocks of a section are packed greedily up to targetTokens. Crumbs under a quarter of the
 *    target are avoided while maxTokens allows: a chunk that small takes the next block anyway (an
 *    intro line stays with its code sample), and a trailing remainder joins the previous chunk.
 * Content before the first heading has headingPath [] and anchor "" (see sections.ts for why).
 */
import { createHash } from "node:crypto";
import type { Chunk } from "../../schemas/chunk.js";
import type { Heading } from "../../schemas/page.js";
import { parseBlocks } from "./markdown-blocks.js";
import { type Piece, packSection } from "./pack-section.js";
import { buildSections, type Section } from "./sections.js";
import { chunkTokens, clearTokenMemo } from "./token-measure.js";

export interface ChunkOptions {
  /** Size a chunk is packed up to. */
  targetTokens: number;
  /** Hard cap except for unsplittable blocks; default 2 × targetTokens (a smaller target is lowered to it). */
  maxTokens?: number;
}

export interface ChunkSource {
  url: string;
  site: string;
  title: string;
  markdown: string;
  headings: Heading[];
}

interface Draft extends Piece {
  headingPath: string[];
  anchor: string;
}

interface Group {
  first: Section;
  parts: Draft[];
  tokens: number;
  /** The group is a single heading with no body. */
  headingOnly: boolean;
}

function limitsFrom(options: ChunkOptions): { target: number; max: number } {
  const target = Number.isFinite(options.targetTokens) ? Math.max(1, Math.floor(options.targetTokens)) : 1;
  const max =
    options.maxTokens !== undefined && Number.isFinite(options.maxTokens)
      ? Math.max(1, Math.floor(options.maxTokens))
      : target * 2;
  return { target: Math.min(target, max), max };
}

/**
 * Deterministic chunk id: stable across re-crawls of an unchanged page, new when the text changes.
 *
 * @example chunkId("https://x.dev/a", 0, "## A") // 32 hex characters
 */
export function chunkId(url: string, ordinal: number, text: string): string {
  return createHash("sha256").update(`${url}\n${ordinal}\n${text}`).digest("hex").slice(0, 32);
}

/**
 * Splits a page's markdown into heading-aware chunks (see the rules above). Never throws on odd
 * markdown; empty or whitespace-only markdown gives [].
 *
 * @example
 * chunkMarkdown(
 *   { url: "https://x.dev/cfg", site: "x.dev", title: "Config", headings: [{ level: 2, text: "Retries", anchor: "retries" }],
 *     markdown: "## Retries\n\nSet `retries: 3`." },
 *   { targetTokens: 200 },
 * ) // [{ ordinal: 0, headingPath: ["Retries"], anchor: "retries", text: "## Retries\n\nSet `retries: 3`.", … }]
 */
export function chunkMarkdown(page: ChunkSource, options: ChunkOptions): Chunk[] {
  if (page.markdown.trim().length === 0) return [];
  const limits = limitsFrom(options);
  const tiny = limits.target / 4;
  const sections = buildSections(parseBlocks(page.markdown), page.headings);
  const drafts: Draft[] = [];

  const emit = (group: Group): void => {
    if (group.parts.length === 1) {
      drafts.push(...group.parts);
      return;
    }
    const text = group.parts.map((p) => p.text).join("\n\n");
    const tokens = chunkTokens(text);
    // The sum of the parts was within target; the exact count of the join may differ by a token or two.
    if (tokens > limits.max) drafts.push(...group.parts);
    else drafts.push({ text, tokens, headingPath: group.first.headingPath, anchor: group.first.anchor });
  };

  let group: Group | null = null;
  for (const section of sections) {
    const pieces = packSection(section, limits);
    const only = pieces.length === 1 ? pieces[0] : undefined;
    if (pieces.length === 0) continue;
    if (
      group !== null &&
      only !== undefined &&
      section.level >= group.first.level &&
      (group.tokens < tiny || only.tokens < tiny) &&
      group.tokens + 1 + only.tokens <= limits.target
    ) {
      group.parts.push({ ...only, headingPath: section.headingPath, anchor: section.anchor });
      group.tokens += 1 + only.tokens;
      group.headingOnly = false;
      continue;
    }
    if (group !== null && !(group.headingOnly && section.level > group.first.level)) emit(group);
    group = null;
    const drafted = pieces.map((p) => ({ ...p, headingPath: section.headingPath, anchor: section.anchor }));
    if (only !== undefined) {
      group = {
        first: section,
        parts: drafted,
        tokens: only.tokens,
        headingOnly: section.heading !== null && section.body.length === 0,
      };
    } else drafts.push(...drafted);
  }
  if (group !== null) emit(group);
  clearTokenMemo();

  return drafts.map((draft, ordinal) => ({
    id: chunkId(page.url, ordinal, draft.text),
    url: page.url,
    site: page.site,
    title: page.title,
    ordinal,
    headingPath: draft.headingPath,
    anchor: draft.anchor,
    text: draft.text,
    tokens: draft.tokens,
  }));
}
