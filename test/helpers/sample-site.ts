import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Absolute path of the hand-written Quiver docs site in `test/fixtures/site` (see its README.md).
 *
 * @example
 * ```ts
 * const site = await serveSite(SAMPLE_SITE_DIR);
 * await crawl(`${site.url}/docs/`);
 * await site.close();
 * ```
 */
export const SAMPLE_SITE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/site");
