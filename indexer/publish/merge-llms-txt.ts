import { pageKey } from "../../crawler/llms-txt/page-key.js";
import type { LlmsTxt, LlmsTxtSection } from "../../schemas/llms-txt.js";

/** What a section of ours is called once it follows the site's own sections. */
export const ADDED_MARK = "(added)";

/** How the site's own llms.txt and ours compare. */
export interface OwnLlmsTxtComparison {
  /** Pages their file lists. */
  theirs: number;
  /** Of those, pages ours lists too. */
  common: number;
  /** Pages ours lists that theirs does not. */
  missingFromTheirs: number;
}

/**
 * The site's own llms.txt first, as its authors wrote it, then what ours lists and theirs does
 * not: our sections with the pages theirs lacks, each marked "(added)"; our Optional pages join
 * the Optional section at the end. A page is the same in both when its path (without `.md`,
 * `.html`, `index.html`) is, whatever the host or the base path the twins are served under.
 *
 * @example mergeWithTheirs(theirs, ours, { theirBase: "https://x.dev/", ourBase: "https://x.dev/" }).doc
 */
export function mergeWithTheirs(
  theirs: LlmsTxt,
  ours: LlmsTxt,
  bases: { theirBase: string; ourBase: string },
): { doc: LlmsTxt; comparison: OwnLlmsTxtComparison } {
  const theirKey = (url: string) => relativeKey(url, bases.theirBase);
  const ourKey = (url: string) => relativeKey(url, bases.ourBase);
  const theirKeys = new Set(theirs.sections.flatMap((s) => s.links.map((l) => theirKey(l.url))));
  const ourKeys = new Set(ours.sections.flatMap((s) => s.links.map((l) => ourKey(l.url))));
  const sections: LlmsTxtSection[] = theirs.sections.filter((s) => !s.optional).map((s) => ({ ...s }));
  const optional: LlmsTxtSection = theirs.sections.find((s) => s.optional) ?? {
    name: "Optional",
    optional: true,
    links: [],
  };
  const optionalLinks = [...optional.links];
  for (const section of ours.sections) {
    const links = section.links.filter((l) => !theirKeys.has(ourKey(l.url)));
    if (!links.length) continue;
    if (section.optional) optionalLinks.push(...links);
    else sections.push({ name: `${section.name} ${ADDED_MARK}`, optional: false, links });
  }
  if (optionalLinks.length) sections.push({ ...optional, links: optionalLinks });
  const note = `Sections marked ${ADDED_MARK} list pages this site's own llms.txt does not.`;
  const doc: LlmsTxt = {
    title: theirs.title || ours.title,
    ...((theirs.summary ?? ours.summary) ? { summary: theirs.summary ?? ours.summary } : {}),
    info: [theirs.info, note].filter(Boolean).join("\n\n"),
    sections,
  };
  const common = [...theirKeys].filter((k) => ourKeys.has(k)).length;
  return {
    doc,
    comparison: { theirs: theirKeys.size, common, missingFromTheirs: ourKeys.size - common },
  };
}

/** The page's key with the host and the base path dropped: "/docs/faq" from either side. */
function relativeKey(url: string, base: string): string {
  const key = pageKey(new URL(url, base).href);
  const basePath = new URL(base).pathname.replace(/\/+$/, "");
  const path = key.slice(key.indexOf("/") < 0 ? key.length : key.indexOf("/"));
  return path.startsWith(basePath) ? path.slice(basePath.length) || "/" : path || "/";
}
