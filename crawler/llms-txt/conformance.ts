import type { ConformanceLevel, LlmsTxt, LlmsTxtFinding } from "../../schemas/llms-txt.js";

/** Findings that make a file "not llms.txt" at all. */
const NOT_LLMS_TXT = new Set(["empty", "html", "binary", "ctx-file", "missing-title", "parser-error"]);
/** Findings that make a link line not well-formed. */
const LINK_FORM = new Set([
  "malformed-link",
  "empty-link-title",
  "empty-url",
  "invalid-url",
  "relative-url",
  "anchor-link",
  "unbracketed-link",
  "bullet-style",
  "notes-separator",
  "non-http-url",
]);

/**
 * The conformance level of a parsed file: 0 not llms.txt (empty, HTML, binary, no H1); 1 H1 only;
 * 2 H1 and link sections; 3 also a summary and every link well-formed; 4 also every link resolving
 * to markdown — which only a link check (`linksResolveToMarkdown`) can tell.
 *
 * @example conformanceLevel(parsed.llmsTxt, parsed.findings) // 3
 */
export function conformanceLevel(
  doc: LlmsTxt,
  findings: LlmsTxtFinding[],
  linksResolveToMarkdown?: boolean,
): ConformanceLevel {
  if (findings.some((f) => NOT_LLMS_TXT.has(f.code)) || !doc.title) return 0;
  const links = doc.sections.reduce((n, s) => n + s.links.length, 0);
  if (links === 0) return 1;
  if (!doc.summary || findings.some((f) => LINK_FORM.has(f.code))) return 2;
  return linksResolveToMarkdown ? 4 : 3;
}

/**
 * Describes a level in a few words, for people.
 *
 * @example levelName(2) // "title and link sections"
 */
export function levelName(level: ConformanceLevel): string {
  return [
    "not an llms.txt file",
    "title only",
    "title and link sections",
    "well-formed (summary, every link well-formed)",
    "complete (every link resolves to markdown)",
  ][level]!;
}
