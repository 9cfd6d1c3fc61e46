/**
 * Final pass over turndown's output: invisible characters and leftover markers out, permalink
 * glyph lines and empty links out, non-breaking spaces normalised, trailing spaces trimmed and
 * runs of blank lines collapsed. Fenced code is left verbatim (except invisible characters).
 */
import { stripInvisible } from "../extract/text-hygiene.js";
import { type LinkSyntax, replaceLinks } from "./link-syntax.js";
import { stripTableMarkers } from "./tables.js";

/**
 * Cleans markdown; returns "" or text ending in exactly one newline.
 *
 * @example cleanupMarkdown("# A ¶\n\n\n\n[](x) text  ") // "# A ¶\n\ntext\n"
 */
export function cleanupMarkdown(markdown: string): string {
  const lines = stripTableMarkers(stripInvisible(markdown).text).replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let fence: string | undefined;
  let blank = 0;
  for (const raw of lines) {
    if (fence) {
      out.push(raw);
      if (raw.trim().startsWith(fence) && raw.trim().replace(/[`~]/g, "") === "") fence = undefined;
      continue;
    }
    const open = /^\s*(`{3,}|~{3,})/.exec(raw);
    if (open) {
      fence = open[1];
      blank = 0;
      out.push(raw.trimEnd());
      continue;
    }
    const line = replaceLinks(raw.replace(/\u00A0/g, " "), EMPTY_LINK, () => "").trimEnd();
    if (/^[\s¶🔗§]+$/u.test(line) || line === "") {
      blank++;
      if (blank === 1) out.push("");
      continue;
    }
    // A rule that separates nothing (first, after another rule, last) is a divider left by removed
    // chrome, not a break in the text.
    if (line === HR && lastText(out) === undefined) continue;
    if (line === HR && lastText(out) === HR) continue;
    blank = 0;
    out.push(line);
  }
  if (!fence) while (out.length > 0 && (out[out.length - 1] === "" || out[out.length - 1] === HR)) out.pop();
  const text = trimNewlines(out.join("\n"));
  return text ? `${text}\n` : "";
}

const HR = "---";

/** The last line written that is not blank (undefined before the first). */
function lastText(out: string[]): string | undefined {
  for (let i = out.length - 1; i >= 0; i--) if (out[i] !== "") return out[i];
  return undefined;
}

/** `[](url)` (not an image): an empty link left by a removed icon. */
const EMPTY_LINK: LinkSyntax = { image: "not-image", blankText: true };

/** Leading and trailing newlines off, by index: `/\n+$/` rescans every newline run in the text. */
function trimNewlines(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === "\n") start++;
  while (end > start && text[end - 1] === "\n") end--;
  return text.slice(start, end);
}
