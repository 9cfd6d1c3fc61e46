import { formatLlmsTxt } from "../../crawler/llms-txt/format.js";
import { buildPublication, type Publication } from "../../indexer/publish/build-publication.js";
import { mergeWithTheirs, type OwnLlmsTxtComparison } from "../../indexer/publish/merge-llms-txt.js";
import { type WriteReport, writePublication } from "../../indexer/publish/write-publication.js";
import { AgentwebError } from "../../schemas/errors.js";
import { countTokens } from "../../schemas/tokens.js";
import type { IndexHandle } from "./index-handle.js";
import { findOwnLlmsTxt } from "./own-llms-txt.js";

/** What a publication holds, for the adapters that serve it. */
export type { Publication, PublishedTwin } from "../../indexer/publish/build-publication.js";

/**
 * The site a command means: the one given (it must be indexed), else the only indexed site.
 *
 * @example resolveSite(index, undefined) // "docs.example.com" when it is the only site
 */
export function resolveSite(index: IndexHandle, site: string | undefined): string {
  const sites = Object.keys(index.dataDir.readMeta().sites);
  if (site) {
    if (!sites.includes(site)) {
      throw new AgentwebError(
        "NOT_FOUND",
        `no site ${site} in ${index.config.data} (indexed: ${sites.join(", ") || "none"})`,
      );
    }
    return site;
  }
  if (sites.length === 1) return sites[0]!;
  if (sites.length === 0)
    throw new AgentwebError(
      "NOT_FOUND",
      `no site indexed in ${index.config.data} (run agentweb crawl URL first)`,
    );
  throw new AgentwebError(
    "BAD_USAGE",
    `several sites are indexed; pick one with --site (${sites.join(", ")})`,
  );
}

/**
 * Builds a site's publication (llms.txt, llms-full.txt, llms-ctx*.txt, `.md` twins) from the index.
 *
 * @example const pub = await buildSitePublication(index, { site: "docs.example.com", baseUrl: "https://docs.example.com" });
 */
export async function buildSitePublication(
  index: IndexHandle,
  input: { site: string; baseUrl?: string | undefined; maxTokens?: number | undefined },
): Promise<Publication> {
  const pages = await index.store.listPages(input.site);
  if (pages.length === 0) throw new AgentwebError("NOT_FOUND", `site ${input.site} has no stored pages`);
  const startUrl = index.dataDir.readMeta().sites[input.site]?.startUrl;
  return buildPublication(pages, {
    site: input.site,
    ...(startUrl ? { startUrl } : {}),
    ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
    ...(input.maxTokens !== undefined ? { maxTokens: input.maxTokens } : {}),
  });
}

/**
 * `publish`: writes a site's publication into `outDir`; `shortened` and `failed` say which twins
 * went under a shorter file name and which could not be written (the others are written).
 *
 * @example const { site, written, failed } = await publishSite(index, { outDir: "./public" });
 */
export async function publishSite(
  index: IndexHandle,
  input: {
    site?: string | undefined;
    outDir: string;
    baseUrl?: string | undefined;
    maxTokens?: number | undefined;
    /** Put the site's own llms.txt first and add only what it lacks (else it is only compared). */
    mergeOwn?: boolean | undefined;
  },
): Promise<WriteReport & { site: string; publication: Publication; own?: OwnLlmsTxtReport }> {
  const site = resolveSite(index, input.site);
  let publication = await buildSitePublication(index, {
    site,
    baseUrl: input.baseUrl,
    maxTokens: input.maxTokens,
  });
  const startUrl = index.dataDir.readMeta().sites[site]?.startUrl;
  const found = startUrl ? await findOwnLlmsTxt(startUrl, index.config) : undefined;
  let own: OwnLlmsTxtReport | undefined;
  if (found && startUrl) {
    const ourBase = `${(input.baseUrl ?? new URL(startUrl).origin).replace(/\/+$/, "")}/`;
    const merged = mergeWithTheirs(found.doc, publication.llmsTxt, {
      theirBase: `${new URL(found.url).origin}/`,
      ourBase,
    });
    own = { url: found.url, ...merged.comparison, merged: input.mergeOwn === true };
    if (input.mergeOwn) {
      const text = formatLlmsTxt(merged.doc);
      publication = {
        ...publication,
        llmsTxt: merged.doc,
        files: { ...publication.files, "llms.txt": text },
        stats: {
          ...publication.stats,
          tokens: { ...publication.stats.tokens, "llms.txt": countTokens(text) },
        },
      };
    }
  }
  return { site, ...writePublication(publication, input.outDir), publication, ...(own ? { own } : {}) };
}

/** The site's own llms.txt next to ours: where it is, how the two compare, and whether they were merged. */
export interface OwnLlmsTxtReport extends OwnLlmsTxtComparison {
  url: string;
  merged: boolean;
}
