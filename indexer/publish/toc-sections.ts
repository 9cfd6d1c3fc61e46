import type { Page } from "../../schemas/page.js";
import { isOptionalPath, type PageGroup } from "./site-sections.js";
import type { TocNode } from "./site-toc.js";

/** Entries an author files as secondary: appendices, change history, indexes, legal pages. */
const SECONDARY =
  /^(appendix|appendices|appendixes)\b|\b(changelogs?|change log|release notes|what['’]s new|bibliography)\b|^(index|general index|.*\bmodule index|indices( and tables)?|history( and license)?|licen[cs]e|copyright)$/i;

/**
 * H2 sections from the site's table of contents, in the author's order: each top-level entry
 * with children is a section named as the author names it, holding its own page and its
 * descendants down to `levels` (1 = the top level); top-level pages before the first such entry
 * form "Overview"; a table with no nesting at all is one "Docs" section. Secondary entries
 * (appendices, changelogs, release notes, indexes, other versions) go to one Optional section.
 * Also returns every page the table reaches, at any depth, in its order.
 *
 * @example tocSections(toc, byUrl, { levels: 2, prefix: "/" }).groups.map((g) => g.name) // ["Overview", "Getting Started", "Optional"]
 */
export function tocSections(
  toc: TocNode[],
  pageOf: (url: string) => Page | undefined,
  options: { levels: number; prefix: string },
): { groups: PageGroup[]; reached: Page[] } {
  const reached: Page[] = [];
  const seen = new Set<Page>();
  const optional: PageGroup = { name: "Optional", optional: true, pages: [] };
  const secondary = (node: TocNode) =>
    SECONDARY.test(node.text) || (node.url !== undefined && isOptionalPath(node.url, options.prefix));
  const collect = (node: TocNode, level: number, into: Page[], inOptional: boolean) => {
    const page = node.url ? pageOf(node.url) : undefined;
    const toOptional = inOptional || secondary(node);
    if (page && !seen.has(page)) {
      seen.add(page);
      reached.push(page);
      if (level <= options.levels) (toOptional ? optional.pages : into).push(page);
    }
    for (const child of node.children) collect(child, level + 1, into, toOptional);
  };

  const groups: PageGroup[] = [];
  const flat = toc.every((n) => n.children.length === 0);
  let overview: PageGroup | undefined;
  for (const node of toc) {
    const leading = node.children.length === 0 && groups.every((g) => g === overview);
    if (flat || leading) {
      overview ??= { name: flat ? "Docs" : "Overview", optional: false, pages: [] };
      if (!groups.includes(overview)) groups.push(overview);
      collect(node, 1, overview.pages, false);
      continue;
    }
    const group: PageGroup = { name: node.text, optional: false, pages: [] };
    groups.push(group);
    collect(node, 1, group.pages, false);
  }
  const kept = groups.filter((g) => g.pages.length > 0);
  if (optional.pages.length) kept.push(optional);
  return { groups: kept, reached };
}
