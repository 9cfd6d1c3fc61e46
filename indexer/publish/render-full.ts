import type { Page } from "../../schemas/page.js";

/**
 * llms-full.txt: every page in reading order, each headed by its title and source URL. The page
 * markdown is already clean (no navigation or other UI text); its own H1, when it repeats the
 * title, is dropped so the heading is not doubled.
 *
 * @example renderFull({ name: "Quiver Docs", summary: "…" }, [{ page, title: "Retries" }])
 */
export function renderFull(
  site: { name: string; summary?: string },
  entries: { page: Page; title: string }[],
): string {
  const out = [`# ${site.name}`, ""];
  if (site.summary) out.push(`> ${site.summary}`, "");
  for (const { page, title } of entries) {
    out.push(`# ${title}`, "", `Source: ${page.url}`, "", withoutLeadingH1(page.markdown).trim(), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

function withoutLeadingH1(markdown: string): string {
  const trimmed = markdown.trimStart();
  return /^# [^\n]*\n/.test(trimmed) ? trimmed.replace(/^# [^\n]*\n/, "") : trimmed;
}
