import type { LlmsTxt } from "../../schemas/llms-txt.js";
import { countTokens } from "../../schemas/tokens.js";

/**
 * Tokens of an llms.txt file as read, without its Optional sections (what a reader short of
 * context takes) and whole.
 *
 * @example fileTokens(text, parsed.llmsTxt) // { core: 410, withOptional: 520 }
 */
export function fileTokens(text: string, doc: LlmsTxt): { core: number; withOptional: number } {
  const lines = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  const drop = new Set<number>();
  doc.sections.forEach((section, i) => {
    if (!section.optional || !section.line) return;
    const end = doc.sections[i + 1]?.line ?? lines.length + 1;
    for (let n = section.line; n < end; n++) drop.add(n);
  });
  const core = drop.size ? lines.filter((_, i) => !drop.has(i + 1)).join("\n") : text;
  return { core: countTokens(core), withOptional: countTokens(text) };
}
