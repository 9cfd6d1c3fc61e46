import { describe, expect, it } from "vitest";
import { extractPage } from "./extract-page.js";
import { normaliseDate } from "./structured-metadata.js";

const body = `<p>${"Real article text about the topic at hand. ".repeat(10)}</p>`;

describe("structured metadata", () => {
  it("reads dates, JSON-LD types, OpenGraph and canonical", () => {
    const page = extractPage(
      `<html><head><title>T</title>
<link rel="canonical" href="/a/b">
<meta property="og:title" content="OG title"><meta property="og:type" content="article">
<meta property="og:title" content="second ignored">
<meta property="article:published_time" content="2019-11-18T19:09:00+01:00">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","dateModified":"2019-11-19"},{"@type":["BreadcrumbList","Thing"]}]}</script>
<script type="application/ld+json">{ broken json, }</script>
</head><body><article><h1>T</h1>${body}</article></body></html>`,
      "https://news.test/x",
    );
    expect(page.canonical).toBe("https://news.test/a/b");
    expect(page.published).toBe("2019-11-18T18:09:00.000Z");
    expect(page.modified).toBe("2019-11-19T00:00:00.000Z");
    expect(page.jsonLdTypes).toEqual(["NewsArticle", "BreadcrumbList", "Thing"]);
    expect(page.openGraph).toEqual({ title: "OG title", type: "article" });
    expect(page.markdown).not.toContain("NewsArticle");
  });

  it("leaves undeclared fields absent", () => {
    const page = extractPage(`<html><body><main>${body}</main></body></html>`, "https://x.test/");
    expect(page.published).toBeUndefined();
    expect(page.jsonLdTypes).toBeUndefined();
    expect(page.openGraph).toBeUndefined();
  });

  it("normalises only plausible dates", () => {
    expect(normaliseDate("2020-02-03")).toBe("2020-02-03T00:00:00.000Z");
    expect(normaliseDate("yesterday")).toBeUndefined();
    expect(normaliseDate("0001-01-01")).toBeUndefined();
  });
});
