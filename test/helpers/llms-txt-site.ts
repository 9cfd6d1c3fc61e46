import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ServedSite, serveSite } from "./serve-site.js";
import { tempDir } from "./temp-dir.js";

/** A served site with a conforming llms.txt at `/llms.txt` and a broken one at `/broken/llms.txt`. */
export interface LlmsTxtSite extends ServedSite {
  /** The conforming file's URL (level 4 with a link check, no findings of severity error). */
  goodUrl: string;
  /** A file without an H1 whose links are dead or malformed. */
  brokenUrl: string;
}

/**
 * Serves (on 127.0.0.1, with {@link serveSite}) a tiny docs site that publishes an llms.txt linking
 * three markdown documents (one under Optional) and a sitemap listing them, plus a broken llms.txt.
 * The files are written once the port is known, since llms.txt links are absolute.
 *
 * @example const site = await serveLlmsTxtSite(); … await site.close();
 */
export async function serveLlmsTxtSite(): Promise<LlmsTxtSite> {
  const tmp = tempDir("agentweb-llms-site-");
  const site = await serveSite(tmp.path);
  const docs: Record<string, string> = {
    "install.md": "# Install Harbor\n\nRun `npm install harbor` and start one worker.\n",
    "config.md": "# Configure Harbor\n\nSet `concurrency` and `retries` per queue.\n",
    "changelog.md": "# Changelog\n\n## 2.0\n\nWorkers drain before they stop.\n",
  };
  mkdirSync(join(tmp.path, "docs"));
  mkdirSync(join(tmp.path, "broken"));
  for (const [name, text] of Object.entries(docs)) writeFileSync(join(tmp.path, "docs", name), text);
  const doc = (name: string) => `${site.url}/docs/${name}`;
  writeFileSync(
    join(tmp.path, "llms.txt"),
    `# Harbor\n\n> Harbor is a small job queue for Node.js.\n\n## Docs\n\n- [Install](${doc("install.md")}): install it and start a worker\n- [Configure](${doc("config.md")}): concurrency and retries\n\n## Optional\n\n- [Changelog](${doc("changelog.md")}): what changed\n`,
  );
  writeFileSync(
    join(tmp.path, "sitemap.xml"),
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${Object.keys(
      docs,
    )
      .map((name) => `<url><loc>${doc(name)}</loc></url>`)
      .join("")}</urlset>\n`,
  );
  writeFileSync(
    join(tmp.path, "broken", "llms.txt"),
    `Harbor docs\n\n## Docs\n\n- [Missing](${site.url}/docs/missing.md)\n- [Bad link](ht!tp://nowhere)\n- Install: see the install page\n`,
  );
  return {
    ...site,
    goodUrl: `${site.url}/llms.txt`,
    brokenUrl: `${site.url}/broken/llms.txt`,
    close: async () => {
      await site.close();
      tmp.remove();
    },
  };
}
