import type { ContextPack, ContextPart } from "../../schemas/context.js";
import { headingLineOf } from "./pack-parts.js";

/**
 * Where a part sits in its page, said once: the page title, then the headings above the part's own
 * (its own heading line opens its text), each named once.
 *
 * @example placeOf({ title: "Jobs", headingPath: ["Jobs", "Retries", "Backoff"], text: "## Backoff…" }) // "Jobs › Retries"
 */
function placeOf(part: Pick<ContextPart, "title" | "headingPath" | "text">): string {
  const headings = part.headingPath.map((h) => h.trim()).filter(Boolean);
  // A page's H1 usually is its title less the site's name ("Readline | Node.js Docs"): said once.
  const title = part.title.trim();
  const path = headings[0] && title.startsWith(headings[0]) ? headings : [title, ...headings].filter(Boolean);
  const own = headingLineOf(part.text)
    ?.replace(/^#+\s*/, "")
    .trim();
  if (own && path[path.length - 1] === own) path.pop();
  return path.filter((h, i) => h !== path[i - 1]).join(" › ");
}

/**
 * A context pack as one markdown text: each part under a citation line naming where it sits, in
 * the pack's order. The same text is what `format=markdown` budgets against, so its token count is
 * the one reported.
 *
 * @example renderContextMarkdown(pack) // "Source: https://x.dev/retries.html#backoff (Jobs › Retries)\n\n## Backoff…"
 */
export function renderContextMarkdown(pack: Pick<ContextPack, "parts">): string {
  return pack.parts
    .map((p) => {
      const place = placeOf(p);
      return `Source: ${p.citation}${place ? ` (${place})` : ""}\n\n${p.text.trim()}\n`;
    })
    .join("\n---\n\n");
}
