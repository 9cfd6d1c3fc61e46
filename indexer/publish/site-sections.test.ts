import { describe, expect, it } from "vitest";
import type { Page } from "../../schemas/page.js";
import { groupPages, sectionName } from "./site-sections.js";

const pageAt = (path: string) => ({ url: `https://x.dev${path}` }) as Page;
const shape = (paths: string[], prefix = "/") =>
  groupPages(paths.map(pageAt), prefix).map((g) => [
    g.name,
    g.optional,
    g.pages.map((p) => new URL(p.url).pathname),
  ]);

describe("groupPages", () => {
  it("groups by first segment under the prefix, joins a top-level page to its directory, and sends history to Optional", () => {
    expect(
      shape(
        [
          "/docs/",
          "/docs/api.html",
          "/docs/api/a.html",
          "/docs/guide/x.html",
          "/docs/changelog.html",
          "/docs/v1/guide/x.html",
          "/docs/faq.html",
        ],
        "/docs/",
      ),
    ).toEqual([
      ["Overview", false, ["/docs/", "/docs/faq.html"]],
      ["API", false, ["/docs/api.html", "/docs/api/a.html"]],
      ["Guide", false, ["/docs/guide/x.html"]],
      ["Optional", true, ["/docs/changelog.html", "/docs/v1/guide/x.html"]],
    ]);
  });

  it("keeps version paths as sections when every page lives under one", () => {
    expect(
      shape(["/3.11/a.html", "/3.11/b.html", "/3.12/a.html", "/3.12/b.html", "/blog/news.html"]).map(
        ([n, o]) => [n, o],
      ),
    ).toEqual([
      ["3.11", false],
      ["3.12", false],
      ["Optional", true],
    ]);
  });

  it("names sections in readable words", () => {
    expect(sectionName("getting-started")).toBe("Getting started");
    expect(sectionName("api")).toBe("API");
    expect(sectionName("graphql_api")).toBe("GraphQL API");
  });
});
