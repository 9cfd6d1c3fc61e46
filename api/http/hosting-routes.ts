import type { Context, Hono } from "hono";
import { AgentwebError } from "../../schemas/errors.js";
import type { IndexHandle } from "../ops/index-handle.js";
import { resolveSite } from "../ops/publish-site.js";
import { createHostingCache } from "./hosting-cache.js";

const TEXT = "text/plain; charset=utf-8";
const MARKDOWN = "text/markdown; charset=utf-8";

/** The llms files served for a site, with their media types (the ctx files are XML-ish text). */
const FILES = {
  "llms.txt": TEXT,
  "llms-full.txt": MARKDOWN,
  "llms-ctx.txt": TEXT,
  "llms-ctx-full.txt": TEXT,
} as const;

/**
 * Registers the public hosting routes: for each indexed site `/sites/:siteId/llms.txt`,
 * `llms-full.txt`, `llms-ctx.txt`, `llms-ctx-full.txt` and `<page path>.md` (`index.html.md` for a
 * directory URL); the same at the root for the root site (config `rootSite`, else the only indexed
 * site). Responses carry ETag and Last-Modified and answer conditional requests with 304; page
 * twins carry `Link` headers to the page and to themselves as its markdown alternate.
 *
 * @example
 * const app = new Hono();
 * registerHostingRoutes(app, { index });
 * await app.request("/sites/docs.example.com/llms.txt");
 */
export function registerHostingRoutes(app: Hono, deps: { index: IndexHandle }): void {
  const { index } = deps;
  const cache = createHostingCache(index);
  const rootSite = () => {
    const sites = Object.keys(index.dataDir.readMeta().sites);
    const site = index.config.rootSite ?? (sites.length === 1 ? sites[0] : undefined);
    if (!site)
      throw new AgentwebError(
        "NOT_FOUND",
        `no root site: ${sites.length} sites are indexed and rootSite is not set`,
      );
    return site;
  };
  const hosted = (c: Context, site: string, prefix: string) =>
    cache.get(resolveSite(index, site), `${new URL(c.req.url).origin}${prefix}`);

  for (const [name, type] of Object.entries(FILES) as [keyof typeof FILES, string][]) {
    const serve = async (c: Context, site: string, prefix: string) => {
      const h = await hosted(c, site, prefix);
      const { text, etag } = h.file(name);
      return respond(c, text, { type, etag, lastModified: h.lastModified });
    };
    app.get(`/sites/:siteId/${name}`, (c) =>
      serve(c, c.req.param("siteId"), `/sites/${encodeURIComponent(c.req.param("siteId"))}`),
    );
    app.get(`/${name}`, (c) => serve(c, rootSite(), ""));
  }

  const serveTwin = async (c: Context, site: string, prefix: string, path: string) => {
    const h = await hosted(c, site, prefix);
    const twin = h.twins.get(`/${path}`);
    if (!twin) throw new AgentwebError("NOT_FOUND", `no page for /${path} on site ${site}`);
    const self = `${new URL(c.req.url).origin}${prefix}${encodeURI(twin.path)}`;
    return respond(c, twin.markdown, {
      type: MARKDOWN,
      etag: `"${twin.contentHash}"`,
      lastModified: twin.lastModified,
      link: `<${twin.pageUrl}>; rel="canonical", <${self}>; rel="alternate"; type="text/markdown"`,
    });
  };
  app.get("/sites/:siteId/:path{.+\\.md}", (c) => {
    const site = c.req.param("siteId");
    return serveTwin(c, site, `/sites/${encodeURIComponent(site)}`, c.req.param("path"));
  });
  app.get("/:path{.+\\.md}", (c) => serveTwin(c, rootSite(), "", c.req.param("path")));
}

function respond(
  c: Context,
  body: string,
  meta: { type: string; etag: string; lastModified: string; link?: string },
): Response {
  const headers: Record<string, string> = {
    "content-type": meta.type,
    etag: meta.etag,
    "last-modified": meta.lastModified,
    "cache-control": "public, max-age=0, must-revalidate",
    ...(meta.link ? { link: meta.link } : {}),
  };
  if (notModified(c, meta.etag, meta.lastModified)) return c.body(null, 304, headers);
  return c.body(body, 200, headers);
}

function notModified(c: Context, etag: string, lastModified: string): boolean {
  const inm = c.req.header("if-none-match");
  if (inm !== undefined) {
    const tags = inm.split(",").map((t) => t.trim().replace(/^W\//, ""));
    return tags.includes("*") || tags.includes(etag);
  }
  const ims = Date.parse(c.req.header("if-modified-since") ?? "");
  return !Number.isNaN(ims) && Date.parse(lastModified) <= ims;
}
