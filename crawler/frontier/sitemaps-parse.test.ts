import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeXml, parseSitemap, SITEMAP_MAX_BYTES, SITEMAP_MAX_URLS } from "./sitemaps-parse.js";

const bytes = (text: string) => Buffer.from(text, "utf8");

describe("parseSitemap", () => {
  it("reads a urlset with lastmod, and an index's child sitemaps", () => {
    const urlset = parseSitemap(
      bytes(
        `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://x.dev/a </loc><lastmod>2026-01-02</lastmod></url><url><loc>https://x.dev/b</loc></url></urlset>`,
      ),
    );
    expect(urlset).toEqual({
      kind: "urlset",
      entries: [{ url: "https://x.dev/a", lastmod: "2026-01-02" }, { url: "https://x.dev/b" }],
      problems: [],
    });
    const index = parseSitemap(
      bytes(`<sitemapindex><sitemap><loc>https://x.dev/s1.xml</loc></sitemap></sitemapindex>`),
    );
    expect(index).toMatchObject({ kind: "index", entries: [{ url: "https://x.dev/s1.xml" }] });
  });

  it("takes namespace-prefixed elements and CDATA, and ignores extensions' <image:loc>", () => {
    const parsed = parseSitemap(
      bytes(
        `<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">` +
          `<sm:url><sm:loc><![CDATA[https://x.dev/a?b=1&c=2]]></sm:loc><image:image><image:loc>https://x.dev/i.png</image:loc></image:image></sm:url>` +
          `<sm:url><image:image><image:loc>https://x.dev/only-image.png</image:loc></image:image></sm:url>` +
          `</sm:urlset>`,
      ),
    );
    expect(parsed).toEqual({ kind: "urlset", entries: [{ url: "https://x.dev/a?b=1&c=2" }], problems: [] });
  });

  it("reads gzip by its magic bytes, a BOM, UTF-16 and the XML declaration's encoding", () => {
    const xml = `<urlset><url><loc>https://x.dev/café</loc></url></urlset>`;
    const want = [{ url: "https://x.dev/café" }];
    expect(parseSitemap(gzipSync(xml)).entries).toEqual(want);
    expect(parseSitemap(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(xml)])).entries).toEqual(want);
    expect(
      parseSitemap(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")])).entries,
    ).toEqual(want);
    const latin1 = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>${xml}`, "latin1");
    expect(parseSitemap(latin1).entries).toEqual(want);
    // The Content-Type charset wins over the declaration.
    expect(parseSitemap(bytes(`<?xml version="1.0" encoding="ISO-8859-1"?>${xml}`), "utf-8").entries).toEqual(
      want,
    );
  });

  it("reads the plain-text form, one URL a line", () => {
    expect(parseSitemap(bytes("\uFEFFhttps://x.dev/a\r\nhttps://x.dev/b\n\n"))).toEqual({
      kind: "text",
      entries: [{ url: "https://x.dev/a" }, { url: "https://x.dev/b" }],
      problems: [],
    });
  });

  it("names what is wrong: empty, not XML, not a sitemap, corrupt gzip", () => {
    const problem = (body: Uint8Array) => parseSitemap(body).problems.map((p) => p.kind);
    expect(problem(bytes("  \n"))).toEqual(["empty"]);
    expect(problem(bytes("User-agent: *\nDisallow: /\n"))).toEqual(["not-xml"]);
    expect(problem(bytes("<!doctype html><html><body>Not found</body></html>"))).toEqual(["not-sitemap"]);
    expect(problem(Buffer.from([0x1f, 0x8b, 1, 2, 3, 4]))).toEqual(["unreadable"]);
    expect(parseSitemap(bytes("<html></html>")).kind).toBeUndefined();
  });

  it("keeps to the sitemaps.org limits: 50,000 URLs and 50 MB decoded", () => {
    const many = `<urlset>${"<url><loc>https://x.dev/p</loc></url>".repeat(SITEMAP_MAX_URLS + 2)}</urlset>`;
    const parsed = parseSitemap(bytes(many));
    expect(parsed.kind).toBe("urlset");
    expect(parsed.entries).toHaveLength(SITEMAP_MAX_URLS);
    expect(parsed.problems.map((p) => p.kind)).toEqual(["too-many-urls"]);
    const bomb = gzipSync(Buffer.alloc(SITEMAP_MAX_BYTES + 1, 0x20));
    expect(parseSitemap(bomb)).toMatchObject({ entries: [], problems: [{ kind: "too-big" }] });
    expect(parseSitemap(Buffer.alloc(SITEMAP_MAX_BYTES + 1, 0x20)).problems[0]?.kind).toBe("too-big");
  });
});

describe("decodeXml", () => {
  it("decodes the predefined entities and character references in one pass", () => {
    expect(decodeXml("a?x=1&amp;y=2&#38;z=3&#x26;w=&lt;&gt;&quot;&apos;")).toBe("a?x=1&y=2&z=3&w=<>\"'");
    expect(decodeXml("&amp;lt; &unknown; &AMP;")).toBe("&lt; &unknown; &AMP;");
  });
});
