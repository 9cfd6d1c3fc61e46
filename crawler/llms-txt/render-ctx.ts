import { escapeHtml } from "../escape-html.js";

/** One document of a context file. */
export interface ContextDoc {
  title: string;
  url: string;
  desc?: string;
  content: string;
}

/**
 * Renders the context file that llms-ctx.txt / llms-ctx-full.txt stand for: the project's title
 * and summary as attributes, its info, then every document wrapped in a `<doc>` element. Content is
 * not escaped (as in the reference `llms_txt.create_ctx`): it is read by models, not XML parsers.
 *
 * @example
 * renderContext({ title: "Proj", summary: "S" }, [{ title: "A", url: "https://x.dev/a.md", content: "# A" }])
 * // '<project title="Proj" summary="S">\n<doc title="A" url="https://x.dev/a.md">\n# A\n</doc>\n</project>\n'
 */
export function renderContext(
  project: { title: string; summary?: string; info?: string },
  docs: ContextDoc[],
): string {
  const summary = project.summary ? ` summary="${attr(project.summary)}"` : "";
  const out = [`<project title="${attr(project.title)}"${summary}>`];
  if (project.info?.trim()) out.push(project.info.trim());
  for (const doc of docs) {
    const desc = doc.desc ? ` desc="${attr(doc.desc)}"` : "";
    out.push(`<doc title="${attr(doc.title)}" url="${attr(doc.url)}"${desc}>`, doc.content.trim(), "</doc>");
  }
  out.push("</project>");
  return `${out.join("\n")}\n`;
}

/** An attribute value on one line. */
function attr(value: string): string {
  return escapeHtml(value.replace(/\s+/g, " ").trim());
}
