import { createHash } from "node:crypto";
import type { FetchedVia, Page } from "../schemas/page.js";
import { countTokens } from "../schemas/tokens.js";
import type { ExtractedPage } from "./extract/extract-page.js";

/**
 * Assembles a Page from what was fetched and extracted.
 *
 * @example
 * buildPage({ url, finalUrl, site, html, extracted, fetchedVia: "http", headers: {} })
 */
export function buildPage(input: {
  url: string;
  finalUrl: string;
  site: string;
  html: string;
  extracted: ExtractedPage;
  fetchedVia: FetchedVia;
  headers: Record<string, string | string[] | undefined>;
  /** Token counts when already made (by an extraction worker). */
  tokens?: Page["tokens"];
}): Page {
  const { extracted } = input;
  const header = (name: string) => {
    const v = input.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const etag = header("etag");
  const lastModified = header("last-modified");
  return {
    url: input.url,
    finalUrl: input.finalUrl,
    site: input.site,
    title: extracted.title,
    description: extracted.description,
    lang: extracted.lang,
    markdown: extracted.markdown,
    links: extracted.links,
    headings: extracted.headings,
    contentHash: createHash("sha256").update(extracted.markdown).digest("hex").slice(0, 32),
    fetchedVia: input.fetchedVia,
    tokens: input.tokens ?? { html: countTokens(input.html), markdown: countTokens(extracted.markdown) },
    removed: extracted.removed,
    fetchedAt: new Date().toISOString(),
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  };
}
