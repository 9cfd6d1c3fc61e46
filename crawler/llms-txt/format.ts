import type { LlmsTxt } from "../../schemas/llms-txt.js";
import { escapeLinkTitle, escapeLinkUrl } from "./link-line.js";

/**
 * Writes an llms.txt file in the proposal's exact form, which {@link parseLlmsTxt} reads back
 * with no error findings and the same links.
 *
 * @example
 * formatLlmsTxt({ title: "Proj", summary: "What it is", sections: [{ name: "Docs", optional: false, links: [{ title: "A", url: "https://x.dev/a.md" }] }] })
 * // "# Proj\n\n> What it is\n\n## Docs\n\n- [A](https://x.dev/a.md)\n"
 */
export function formatLlmsTxt(doc: LlmsTxt): string {
  const out: string[] = [`# ${oneLine(doc.title)}`, ""];
  if (doc.summary) out.push(`> ${oneLine(doc.summary)}`, "");
  if (doc.info?.trim()) out.push(doc.info.trim(), "");
  for (const section of doc.sections) {
    out.push(`## ${oneLine(section.name)}`, "");
    for (const link of section.links) {
      const notes = link.notes ? `: ${oneLine(link.notes)}` : "";
      out.push(`- [${escapeLinkTitle(oneLine(link.title))}](${escapeLinkUrl(link.url)})${notes}`);
    }
    if (section.links.length) out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** A heading, summary or note must stay on one line, or the next parse splits it. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
