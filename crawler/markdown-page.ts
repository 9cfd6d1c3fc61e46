/**
 * A markdown or plain-text document (a markdown twin, an `.md` page, a text file) kept as it is:
 * only its title, headings and links are read, nothing is cleaned away.
 */
import type { ExtractedPage } from "./extract/extract-page.js";

/**
 * @example
 * fromMarkdown("# Retries\n\nSee [jobs](jobs.md).", "https://x.dev/docs/retries.md").links
 * // [{ url: "https://x.dev/docs/jobs.md", text: "jobs", region: "main" }]
 */
export function fromMarkdown(text: string, url: string): ExtractedPage {
  const markdown = text.replace(/\r\n?/g, "\n").trim();
  const headings: ExtractedPage["headings"] = [];
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = !inFence && /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) headings.push({ level: m[1]!.length, text: m[2]! });
  }
  const links: ExtractedPage["links"] = [];
  for (const m of markdown.matchAll(/\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    try {
      const target = new URL(m[2]!, url);
      if (target.protocol === "http:" || target.protocol === "https:")
        links.push({ url: target.href, text: m[1]!, region: "main" });
    } catch {
      // Not a URL: a footnote or a broken link, nothing to follow.
    }
  }
  const h1 = headings.find((h) => h.level === 1)?.text;
  const title = h1 ?? decodeURIComponent(new URL(url).pathname.split("/").filter(Boolean).pop() ?? url);
  return { title, description: "", lang: "", markdown, links, headings, removed: [] };
}
