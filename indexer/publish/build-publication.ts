import { formatLlmsTxt } from "../../crawler/llms-txt/format.js";
import { mdTwinPath } from "../../crawler/llms-txt/md-twin.js";
import { renderContext } from "../../crawler/llms-txt/render-ctx.js";
import type { LlmsTxt, LlmsTxtSection } from "../../schemas/llms-txt.js";
import type { Page } from "../../schemas/page.js";
import { scopePrefix } from "../../schemas/site-id.js";
import { countTokens } from "../../schemas/tokens.js";
import { boilerplateDescriptions, describePage } from "./describe-page.js";
import { type BudgetReport, fitBudget } from "./fit-budget.js";
import { renderFull } from "./render-full.js";
import { cleanTitle, commonSuffixes, siteNameOf } from "./site-name.js";
import { siteOutline } from "./site-outline.js";

export interface PublishOptions {
  /** The siteId, used as the name when pages carry none. */
  site: string;
  /** The crawl's start URL: its directory is the site's prefix, its page the home page. */
  startUrl?: string;
  /** Where the `.md` twins are served (default: the site's own origin). */
  baseUrl?: string;
  /** Budget for llms.txt without its Optional section. */
  maxTokens?: number;
}

/** A page's markdown twin: its URL path (`/docs/a.html.md`) and what it holds. */
export interface PublishedTwin {
  path: string;
  pageUrl: string;
  markdown: string;
  contentHash: string;
  /** HTTP date of the page's last change (its Last-Modified, else when it was fetched). */
  lastModified: string;
}

/** Everything `publish` writes and the hosting routes serve, built from one site's pages. */
export interface Publication {
  llmsTxt: LlmsTxt;
  files: { "llms.txt": string; "llms-full.txt": string; "llms-ctx.txt": string; "llms-ctx-full.txt": string };
  twins: PublishedTwin[];
  lastModified: string;
  stats: {
    pages: number;
    listed: number;
    optional: number;
    tokens: Record<string, number>;
    budget?: BudgetReport;
  };
}

/**
 * Builds llms.txt, llms-full.txt, llms-ctx.txt, llms-ctx-full.txt and a `.md` twin per page from a
 * site's stored pages. llms.txt: H1 site name, summary from the home page's description, one H2 per
 * top-level path section in reading order, each link to the page's twin with a one-line
 * description; changelogs, blogs, archives and other versions under Optional; a page whose content
 * another listed page already holds (`/` and `/index.html`) is listed once.
 *
 * @example
 * const pub = buildPublication(await store.listPages(site), { site, startUrl: "https://docs.example.com/" });
 * pub.files["llms.txt"]
 */
export function buildPublication(pages: Page[], options: PublishOptions): Publication {
  const usable = pages.filter((p) => p.markdown.trim() !== "");
  const prefix = options.startUrl ? scopePrefix(new URL(options.startUrl)) : "/";
  const home = findHome(usable, options.startUrl, prefix);
  const origin = new URL(home?.url ?? options.startUrl ?? usable[0]?.url ?? "http://localhost/").origin;
  const base = (options.baseUrl ?? origin).replace(/\/+$/, "");
  const name = siteNameOf(usable, home, options.site);
  const shared = new Set(commonSuffixes(usable).keys());
  const titleOf = (p: Page) =>
    cleanTitle(p.title, name, shared) || p.headings[0]?.text || new URL(p.url).pathname;
  const boilerplate = boilerplateDescriptions(usable);
  const { groups, fullOrder } = siteOutline(usable, home, prefix);
  const summary = siteSummary(
    home,
    groups.filter((g) => !g.optional).flatMap((g) => g.pages),
    name,
    boilerplate,
  );
  const seen = new Set<string>();
  const sections: LlmsTxtSection[] = [];
  const listedPages: ListedPage[] = [];
  for (const group of groups) {
    const links = [];
    for (const page of group.pages) {
      if (seen.has(page.contentHash)) continue;
      seen.add(page.contentHash);
      const title = titleOf(page);
      const desc = describePage(page, boilerplate, title);
      listedPages.push({ page, title, optional: group.optional, desc });
      links.push({
        title,
        url: base + encodeURI(decodeSafe(mdTwinPath(new URL(page.url).pathname))),
        ...(desc ? { notes: desc } : {}),
      });
    }
    if (links.length) sections.push({ name: group.name, optional: group.optional, links });
  }
  const info = `Every link points to the page's clean markdown twin; [llms-full.txt](${base}/llms-full.txt) holds every page in one file.`;
  let llmsTxt: LlmsTxt = { title: name, ...(summary ? { summary } : {}), info, sections };
  let budget: BudgetReport | undefined;
  if (options.maxTokens !== undefined)
    ({ doc: llmsTxt, report: budget } = fitBudget(llmsTxt, options.maxTokens));

  const fullPages = everyPage(listedPages, fullOrder, (page) => {
    const title = titleOf(page);
    return { page, title, optional: false, desc: describePage(page, boilerplate, title) };
  });
  const project = { title: name, ...(summary ? { summary } : {}) };
  const docsOf = (entries: typeof listedPages) =>
    entries.map((e) => ({
      title: e.title,
      url: e.page.url,
      ...(e.desc ? { desc: e.desc } : {}),
      content: e.page.markdown,
    }));
  const files = {
    "llms.txt": formatLlmsTxt(llmsTxt),
    "llms-full.txt": renderFull({ name, ...(summary ? { summary } : {}) }, fullPages),
    "llms-ctx.txt": renderContext(project, docsOf(listedPages.filter((e) => !e.optional))),
    "llms-ctx-full.txt": renderContext(project, docsOf(fullPages)),
  };
  const twins = twinsOf(usable);
  const newest = usable.reduce((max, p) => Math.max(max, Date.parse(httpDate(p)) || 0), 0);
  return {
    llmsTxt,
    files,
    twins,
    lastModified: new Date(newest || Date.now()).toUTCString(),
    stats: {
      pages: usable.length,
      listed: listedPages.length,
      optional: listedPages.filter((e) => e.optional).length,
      tokens: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, countTokens(v)])),
      ...(budget ? { budget } : {}),
    },
  };
}

/** A page as llms.txt lists it (or llms-full.txt holds it). */
interface ListedPage {
  page: Page;
  title: string;
  optional: boolean;
  desc: string;
}

/**
 * What llms-full.txt holds: every page, not only those llms.txt lists — the listed core first,
 * then the others in the site's own order, then the Optional ones.
 */
function everyPage(
  listed: ListedPage[],
  fullOrder: Page[],
  entryOf: (page: Page) => ListedPage,
): ListedPage[] {
  const hashes = new Set(listed.map((e) => e.page.contentHash));
  const out = listed.filter((e) => !e.optional);
  for (const page of fullOrder) {
    if (hashes.has(page.contentHash)) continue;
    hashes.add(page.contentHash);
    out.push(entryOf(page));
  }
  return [...out, ...listed.filter((e) => e.optional)];
}

/**
 * The `>` summary: the home page's description or first paragraph of prose; when it has neither
 * (a title page, a bare list of links), the description of one of the first pages the site lists,
 * preferring one that names the site ("Welcome to the Node.js documentation").
 */
function siteSummary(
  home: Page | undefined,
  listed: Page[],
  name: string,
  boilerplate: ReadonlySet<string>,
): string {
  // The home page's own description may be the site-wide one: there it is the site's tagline.
  const tagline = home?.description.replace(/\s+/g, " ").trim();
  const own = home ? describePage(home, new Set([...boilerplate].filter((b) => b !== tagline)), name) : "";
  if (own) return own;
  const words = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^\p{L}\p{N}.]+/gu, " ")
      .trim();
  const firstWord =
    words(name)
      .split(" ")
      .find((w) => w.length > 3) ?? words(name);
  const candidates = listed
    .slice(0, 5)
    .map((p) => describePage(p, boilerplate, p.title))
    .filter(Boolean);
  // The one naming the site soonest ("Welcome to Foo…" before "It was not always so clear… Foo").
  const naming = (part: string) =>
    candidates
      .filter((d) => words(d).includes(part))
      .sort((a, b) => words(a).indexOf(part) - words(b).indexOf(part))[0];
  return naming(words(name)) ?? naming(firstWord) ?? candidates[0] ?? "";
}

/** A `.md` twin per page, by path. */
function twinsOf(pages: Page[]): PublishedTwin[] {
  // `/` and `/index.html` share one twin path: the shorter URL (the one people link to) wins.
  const byPath = new Map<string, PublishedTwin>();
  for (const page of [...pages].sort((a, b) => a.url.length - b.url.length)) {
    const path = decodeSafe(mdTwinPath(new URL(page.url).pathname));
    if (byPath.has(path)) continue;
    const markdown = page.markdown.endsWith("\n") ? page.markdown : `${page.markdown}\n`;
    byPath.set(path, {
      path,
      pageUrl: page.url,
      markdown,
      contentHash: page.contentHash,
      lastModified: httpDate(page),
    });
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

function findHome(pages: Page[], startUrl: string | undefined, prefix: string): Page | undefined {
  const pathOf = (p: Page) => new URL(p.url).pathname;
  const start = startUrl ? new URL(startUrl).pathname : prefix;
  // The prefix's own page first: a later crawl may have started deeper (`/docs/graphql`).
  return (
    pages.find((p) => pathOf(p) === prefix || pathOf(p) === `${prefix}index.html`) ??
    pages.find((p) => pathOf(p) === start) ??
    [...pages].sort((a, b) => pathOf(a).length - pathOf(b).length)[0]
  );
}

function httpDate(page: Page): string {
  const t = Date.parse(page.lastModified ?? "") || Date.parse(page.fetchedAt) || Date.now();
  return new Date(t).toUTCString();
}

function decodeSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
