const WIDTH = 240;

/**
 * A short plain-text window of a chunk around the first query term it contains (markdown syntax
 * such as fences, emphasis and link targets flattened), for search results.
 *
 * @example makeSnippet("## Retries\nSet `maxAttempts` to retry a job.", "how many attempts") // "Retries Set maxAttempts to retry a job."
 */
export function makeSnippet(markdown: string, query: string): string {
  const text = markdown
    .replace(/```[^\n]*\n?/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/[*_`>|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= WIDTH) return text;
  const terms = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((t) => t.length > 2);
  const lower = text.toLowerCase();
  const hit = terms.map((t) => lower.indexOf(t.slice(0, Math.max(4, t.length - 2)))).filter((i) => i >= 0);
  const at = hit.length ? Math.min(...hit) : 0;
  const from = Math.max(0, at - WIDTH / 4);
  const startAt = from === 0 ? 0 : text.indexOf(" ", from) + 1;
  const slice = text.slice(startAt, startAt + WIDTH);
  const cut = slice.lastIndexOf(" ") > WIDTH * 0.8 ? slice.slice(0, slice.lastIndexOf(" ")) : slice;
  return `${startAt > 0 ? "…" : ""}${cut}…`;
}
