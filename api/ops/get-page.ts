import { normalizeUrl } from "../../crawler/frontier/normalize-url.js";
import { AgentwebError } from "../../schemas/errors.js";
import type { Page } from "../../schemas/page.js";
import type { IndexHandle } from "./index-handle.js";

/**
 * A stored page by URL (normalised the way the crawler stores it), or NOT_FOUND.
 *
 * @example const page = await getPage(index, { url: "https://docs.example.com/retries#backoff" });
 */
export async function getPage(index: IndexHandle, input: { url: string }): Promise<Page> {
  const url = normalizeUrl(input.url);
  const page = (await index.store.getPage(url)) ?? (await index.store.getPage(url.replace(/\/$/, "")));
  if (!page) throw new AgentwebError("NOT_FOUND", `no stored page for ${url}`, { data: { url } });
  return page;
}
