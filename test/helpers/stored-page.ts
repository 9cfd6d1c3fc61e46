import type { Page } from "../../schemas/page.js";
import { countTokens } from "../../schemas/tokens.js";

/**
 * A complete stored Page for `url` with `markdown`, for tests that build sites from pages.
 *
 * @example storedPage("https://x.dev/a", "# A\n\nText.", { title: "A" }).tokens.markdown // 5
 */
export function storedPage(url: string, markdown: string, extra: Partial<Page> = {}): Page {
  return {
    url,
    finalUrl: url,
    site: new URL(url).hostname,
    title: "",
    description: "",
    lang: "en",
    markdown,
    links: [],
    headings: [],
    contentHash: `hash-${new URL(url).pathname}`,
    fetchedVia: "http",
    tokens: { html: 0, markdown: countTokens(markdown) },
    removed: [],
    fetchedAt: "2026-05-01T10:00:00.000Z",
    ...extra,
  };
}
