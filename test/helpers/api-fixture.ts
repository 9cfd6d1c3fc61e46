import { join } from "node:path";
import { crawlSite } from "../../api/ops/crawl-site.js";
import { type IndexHandle, openIndex } from "../../api/ops/index-handle.js";
import { type ConfigInput, resolveConfig } from "../../schemas/config.js";
import { SAMPLE_SITE_DIR } from "./sample-site.js";
import { type ServedSite, serveSite } from "./serve-site.js";
import { tempDir } from "./temp-dir.js";

/** An indexed sample site: the served site, its data dir and the writer handle on it. */
export interface ApiFixture {
  site: ServedSite;
  data: string;
  siteId: string;
  index: IndexHandle;
  /** Closes the writer handle so another process (a server, the CLI) can take the data dir. */
  releaseWriter(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves the sample docs site and crawls it into a fresh data dir (full text only, no politeness
 * delay: the test is about the API, not the crawler), leaving the writer handle open.
 *
 * @example const fx = await indexedSampleSite({ rateLimitRps: 0 }); … await fx.close();
 */
export async function indexedSampleSite(config: ConfigInput = {}): Promise<ApiFixture> {
  const tmp = tempDir("agentweb-api-");
  const site = await serveSite(SAMPLE_SITE_DIR);
  const data = join(tmp.path, "data");
  const index = await openIndex(
    resolveConfig({ flags: { data, embedder: "none", delayMs: 0, rateLimitRps: 0, ...config } }),
    { write: true, owner: "test" },
  );
  const summary = await crawlSite(index, { url: `${site.url}/` });
  let open = true;
  const release = async () => {
    if (open) await index.close();
    open = false;
  };
  return {
    site,
    data,
    siteId: summary.site,
    index,
    releaseWriter: release,
    async close() {
      await release();
      await site.close();
      tmp.remove();
    },
  };
}
