/**
 * Turning a markdown heading's raw content into what readers and matchers need: plain text for
 * headingPath, an explicit `{#id}` if the author wrote one, and a loose key to match it against the
 * page's extracted headings (which come from HTML, so markup, escapes and `¶` links differ).
 */

/** Headings longer than this are junk (a scraped blob); only their start is looked at. */
const MAX_HEADING_CHARS = 500;

const EXPLICIT_ID = /[ \t]*\{#([^}\s]+)[^}]*\}[ \t]*$/;

function bounded(raw: string): string {
  return raw.length > MAX_HEADING_CHARS * 2 ? raw.slice(0, MAX_HEADING_CHARS * 2) : raw;
}

/**
 * Plain text of a heading: links and images reduced to their text, code ticks, emphasis markers,
 * HTML tags, backslash escapes, permalink signs and `{#id}` removed, whitespace collapsed.
 *
 * @example headingPlainText("Using `retry()` with [backoff](#b) \\* ¶") // "Using retry() with backoff *"
 */
export function headingPlainText(raw: string): string {
  const text = bounded(raw)
    .replace(EXPLICIT_ID, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, "$1")
    .replace(/<[^>]*>/g, "")
    .replace(/`+/g, "")
    .replace(/(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(?<![\\*\p{L}\p{N}])([*_])(?=\S)(.+?)(?<=\S)\1(?![*\p{L}\p{N}])/gu, "$2")
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/[\s\u00a0]*[¶§#]+[\s\u00a0]*$/, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > MAX_HEADING_CHARS ? text.slice(0, MAX_HEADING_CHARS) : text;
}

/**
 * The explicit id of a heading written as `## Title {#my-id}`, if any.
 *
 * @example headingExplicitId("Install {#setup}") // "setup"
 */
export function headingExplicitId(raw: string): string | undefined {
  return EXPLICIT_ID.exec(bounded(raw))?.[1];
}

/**
 * A loose comparison key: link targets and `{#id}` dropped, NFKC, lower case, only letters and
 * digits kept. Markdown `\_snake\_case` and HTML `snake_case` get the same key.
 *
 * @example headingKey("**Step 1:** Install ¶") === headingKey("Step 1: install") // true
 */
export function headingKey(raw: string): string {
  return bounded(raw)
    .replace(EXPLICIT_ID, "")
    .replace(/\]\([^)]*\)/g, "]")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}
