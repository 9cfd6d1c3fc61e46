import type { ContextPack } from "../../schemas/context.js";

/**
 * A context pack as one markdown text: each part under a citation line, in the pack's order. The
 * same text is what `format=markdown` budgets against, so its token count is the one reported.
 *
 * @example renderContextMarkdown(pack) // "Source: https://x.dev/retries.html#backoff\n\n## Backoff…"
 */
export function renderContextMarkdown(pack: Pick<ContextPack, "parts">): string {
  return pack.parts
    .map((p) => `Source: ${p.citation}${p.title ? ` (${p.title})` : ""}\n\n${p.text.trim()}\n`)
    .join("\n---\n\n");
}
