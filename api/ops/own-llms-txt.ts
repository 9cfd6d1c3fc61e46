import { fetchText } from "../../crawler/llms-txt/fetch-text.js";
import { parseLlmsTxt } from "../../crawler/llms-txt/parse.js";
import type { Config } from "../../schemas/config.js";
import type { LlmsTxt } from "../../schemas/llms-txt.js";

/** The llms.txt a site publishes for itself. */
export interface OwnLlmsTxt {
  url: string;
  doc: LlmsTxt;
}

/**
 * The site's own llms.txt, if it publishes one: under the start URL's directory first, then at
 * the origin. An HTML page answering at that path (a soft 404) or a file with neither a title nor
 * a link is none. Never throws: a site out of reach has none as far as `publish` can tell.
 *
 * @example const own = await findOwnLlmsTxt("https://docs.example.com/docs/", config);
 */
export async function findOwnLlmsTxt(
  startUrl: string,
  config: Pick<Config, "userAgent" | "requestTimeoutMs" | "maxBodyBytes">,
): Promise<OwnLlmsTxt | undefined> {
  const start = new URL(startUrl);
  const dir = start.pathname.replace(/[^/]*$/, "");
  const options = {
    userAgent: config.userAgent,
    timeoutMs: config.requestTimeoutMs,
    maxBytes: config.maxBodyBytes,
  };
  for (const url of new Set([`${start.origin}${dir}llms.txt`, `${start.origin}/llms.txt`])) {
    const res = await fetchText(url, options);
    if (!res.ok || res.status !== 200 || /^\s*</.test(res.text.slice(0, 64))) continue;
    if (/html/i.test(res.headers["content-type"] ?? "")) continue;
    const { llmsTxt } = parseLlmsTxt(res.text);
    if (llmsTxt.title && llmsTxt.sections.some((s) => s.links.length))
      return { url: res.finalUrl, doc: llmsTxt };
  }
  return undefined;
}
