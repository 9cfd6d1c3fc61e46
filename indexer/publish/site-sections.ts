import type { Page } from "../../schemas/page.js";

/** Path segments of pages an agent short of context can skip: history, news, other versions. */
const OPTIONAL_SEGMENT =
  /^(changelogs?|changes|release-?notes|releases|history|archives?|blog|news|legacy|deprecated|old|next|unreleased)$/i;
/** A version segment (`v1`, `2.x`, `3.11`): another version of the docs, unless every page has one. */
const VERSION_SEGMENT = /^(v\d+(\.\d+)*(\.x)?|\d+\.(\d+|x)(\.\d+)*)$/i;

/** Words kept upper-case (or in their usual spelling) in a section name made from a path segment. */
const SPELLING: Record<string, string> = {
  api: "API",
  apis: "APIs",
  cli: "CLI",
  sdk: "SDK",
  sdks: "SDKs",
  faq: "FAQ",
  ui: "UI",
  http: "HTTP",
  graphql: "GraphQL",
  rest: "REST",
};

/** A group of pages for one H2 section. */
export interface PageGroup {
  name: string;
  optional: boolean;
  pages: Page[];
}

/**
 * Groups pages (already in reading order) into sections by their first path segment under the
 * site's prefix (`/docs/a.html` → "Docs"; `api.html` joins `api/…`); pages at the top level form
 * "Overview". Changelogs, release notes, blogs, archives and other versions go to one `Optional`
 * section at the end. Sections keep the order in which the reader meets their first page.
 *
 * @example groupPages(ordered, "/").map((g) => g.name) // ["Overview", "Docs", "API", "Guides", "Optional"]
 */
export function groupPages(ordered: Page[], prefix: string): PageGroup[] {
  const grouped = groupBy(ordered, prefix, true);
  const optional = grouped.find((g) => g.optional)?.pages.length ?? 0;
  // A site whose docs all live under version paths (/3.11/, /3.12/) would leave no core at all:
  // then versions are its structure, not its old material.
  return optional > ordered.length * 0.8 ? groupBy(ordered, prefix, false) : grouped;
}

function groupBy(ordered: Page[], prefix: string, versionsOptional: boolean): PageGroup[] {
  const groups = new Map<string, PageGroup>();
  const optional: PageGroup = { name: "Optional", optional: true, pages: [] };
  const dirs = new Set(
    ordered.map((p) => relativeSegments(p.url, prefix)).flatMap((s) => (s.length > 1 ? [s[0]!] : [])),
  );
  for (const page of ordered) {
    const segments = relativeSegments(page.url, prefix);
    const isOptional = (s: string) =>
      OPTIONAL_SEGMENT.test(s) || (versionsOptional && VERSION_SEGMENT.test(s));
    if (segments.some((s) => isOptional(s.replace(/\.html?$/, "")))) {
      optional.pages.push(page);
      continue;
    }
    const key = segments.length > 1 ? segments[0]! : (segments[0]?.replace(/\.html?$/, "") ?? "");
    const groupKey = dirs.has(key) ? key : "";
    let group = groups.get(groupKey);
    if (!group) {
      group = { name: groupKey ? sectionName(groupKey) : "Overview", optional: false, pages: [] };
      groups.set(groupKey, group);
    }
    group.pages.push(page);
  }
  const out = [...groups.values()];
  if (optional.pages.length) out.push(optional);
  return out;
}

/**
 * Whether a page's path marks it as secondary (a changelog, release notes, a blog, an archive).
 *
 * @example isOptionalPath("https://x.dev/docs/changelog/2.0", "/docs/") // true
 */
export function isOptionalPath(url: string, prefix: string): boolean {
  return relativeSegments(url, prefix).some((s) => OPTIONAL_SEGMENT.test(s.replace(/\.html?$/, "")));
}

/**
 * A section name from a path segment.
 *
 * @example sectionName("getting-started") // "Getting started"
 * @example sectionName("api") // "API"
 */
export function sectionName(segment: string): string {
  const words = segment
    .replace(/\.html?$/, "")
    .split(/[-_\s]+/)
    .filter(Boolean);
  const named = words.map(
    (w, i) => SPELLING[w.toLowerCase()] ?? (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w),
  );
  return named.join(" ") || "Docs";
}

function relativeSegments(url: string, prefix: string): string[] {
  let path = new URL(url).pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // a malformed escape: group by the raw path
  }
  if (path.startsWith(prefix)) path = path.slice(prefix.length);
  const segments = path.split("/").filter(Boolean);
  // index.html is its directory: /guides/index.html belongs with /guides/.
  if (segments[segments.length - 1] === "index.html") segments.pop();
  return segments;
}
