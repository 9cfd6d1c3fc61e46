import { describe, expect, it } from "vitest";
import { parseLlmsTxt } from "../../crawler/llms-txt/parse.js";
import type { Page } from "../../schemas/page.js";
import { countTokens } from "../../schemas/tokens.js";
import { storedPage } from "../../test/helpers/stored-page.js";
import { buildPublication } from "./build-publication.js";

const ORIGIN = "https://docs.example.com";

function page(path: string, title: string, extra: Partial<Page> = {}): Page {
  const url = `${ORIGIN}${path}`;
  const markdown =
    extra.markdown ??
    `# ${title.split(" | ")[0]}\n\nThe ${path} page explains one thing in detail.\n\n## More\n\nBody of ${path}.`;
  return storedPage(url, markdown, { title: title, ...extra });
}

const link = (path: string, text: string, region: "main" | "nav" = "main") => ({
  url: `${ORIGIN}${path}`,
  text,
  region,
});

const PAGES: Page[] = [
  page("/", "Acme docs | Acme", {
    description: "Acme is a toolkit for widgets.",
    links: [
      link("/guide/start.html", "Start"),
      link("/guide/deploy.html", "Deploy"),
      link("/api/client.html", "Client"),
      link("/changelog.html", "Changes", "nav"),
    ],
  }),
  page("/index.html", "Acme docs | Acme", { contentHash: "hash-/" }),
  page("/guide/start.html", "Getting started | Acme", {
    description: "Install Acme and make your first widget.",
  }),
  page("/guide/deploy.html", "Deploying | Acme", { description: "Acme is a toolkit for widgets." }),
  page("/api/client.html", "Client API | Acme", {
    markdown:
      "# Client\n\n```js\nconst c = client();\n```\n\nThe **client** talks to [the server](https://x.dev) over HTTP.\n",
  }),
  page("/changelog.html", "Changelog | Acme"),
  page("/v1/guide/start.html", "Getting started (v1) | Acme"),
  page("/blog/2026/hello.html", "Hello | Acme Blog"),
  page("/empty.html", "Empty | Acme", { markdown: "" }),
];

describe("buildPublication", () => {
  const pub = buildPublication(PAGES, { site: "docs.example.com", startUrl: `${ORIGIN}/` });
  const parsed = parseLlmsTxt(pub.files["llms.txt"]);

  it("writes an llms.txt that parses without findings", () => {
    expect(parsed.findings).toEqual([]);
  });

  it("names the site from the shared title suffix and summarises it from the home page", () => {
    expect(parsed.llmsTxt.title).toBe("Acme");
    expect(parsed.llmsTxt.summary).toBe("Acme is a toolkit for widgets.");
  });

  it("groups by top-level path in reading order, with changelogs, blogs and other versions under Optional", () => {
    expect(parsed.llmsTxt.sections.map((s) => [s.name, s.links.map((l) => l.title)])).toEqual([
      ["Overview", ["Acme docs"]],
      ["Guide", ["Getting started", "Deploying"]],
      ["API", ["Client API"]],
      // Unlinked pages follow the reached ones, by URL.
      ["Optional", ["Changelog", "Hello", "Getting started (v1)"]],
    ]);
    expect(parsed.llmsTxt.sections.at(-1)!.optional).toBe(true);
  });

  it("links every page to its .md twin, with a one-line description from the page", () => {
    const links = parsed.llmsTxt.sections.flatMap((s) => s.links);
    expect(links[0]!.url).toBe(`${ORIGIN}/index.html.md`);
    expect(links[1]).toMatchObject({
      url: `${ORIGIN}/guide/start.html.md`,
      notes: "Install Acme and make your first widget.",
    });
    // The home page's description, repeated on another page, is not that page's description.
    expect(links[3]).toMatchObject({
      title: "Client API",
      notes: "The client talks to the server over HTTP.",
    });
  });

  it("lists a page once when two URLs hold the same content, and skips empty pages", () => {
    expect(pub.stats).toMatchObject({ pages: 8, listed: 7, optional: 3 });
    expect(pub.files["llms.txt"]).not.toContain("empty.html");
  });

  it("writes one twin per page path, index.html.md for the directory URL", () => {
    expect(pub.twins.map((t) => t.path)).toEqual([
      "/api/client.html.md",
      "/blog/2026/hello.html.md",
      "/changelog.html.md",
      "/guide/deploy.html.md",
      "/guide/start.html.md",
      "/index.html.md",
      "/v1/guide/start.html.md",
    ]);
    expect(pub.twins.find((t) => t.path === "/index.html.md")!.pageUrl).toBe(`${ORIGIN}/`);
    expect(pub.twins[0]!.lastModified).toBe("Fri, 01 May 2026 10:00:00 GMT");
  });

  it("writes llms-full.txt in reading order, each page headed by title and source, its H1 not repeated", () => {
    const full = pub.files["llms-full.txt"];
    expect(
      full.startsWith(
        "# Acme\n\n> Acme is a toolkit for widgets.\n\n# Acme docs\n\nSource: https://docs.example.com/\n",
      ),
    ).toBe(true);
    expect(full.indexOf("# Getting started\n\nSource:")).toBeLessThan(
      full.indexOf("# Client API\n\nSource:"),
    );
    expect(full).not.toContain("# Client\n");
  });

  it("writes llms-ctx.txt without Optional pages and llms-ctx-full.txt with them", () => {
    expect(pub.files["llms-ctx.txt"]).toMatch(
      /^<project title="Acme" summary="Acme is a toolkit for widgets.">/,
    );
    expect(pub.files["llms-ctx.txt"]).toContain(`<doc title="Client API" url="${ORIGIN}/api/client.html"`);
    expect(pub.files["llms-ctx.txt"]).not.toContain("Changelog");
    expect(pub.files["llms-ctx-full.txt"]).toContain('<doc title="Changelog"');
  });

  it("points links at --base-url", () => {
    const hosted = buildPublication(PAGES, {
      site: "s",
      startUrl: `${ORIGIN}/`,
      baseUrl: "http://127.0.0.1:7070/sites/s/",
    });
    expect(hosted.files["llms.txt"]).toContain("(http://127.0.0.1:7070/sites/s/guide/start.html.md)");
  });

  it("keeps the core within --max-tokens by shortening descriptions, then moving the last links to Optional", () => {
    const many = [
      PAGES[0]!,
      ...Array.from({ length: 40 }, (_, i) =>
        page(`/guide/p${i}.html`, `Page ${i} | Acme`, { description: "word ".repeat(40) }),
      ),
    ];
    many[0] = {
      ...many[0]!,
      links: many.slice(1).map((p) => ({ url: p.url, text: p.title, region: "main" as const })),
    };
    const budgeted = buildPublication(many, { site: "s", startUrl: `${ORIGIN}/`, maxTokens: 300 });
    const doc = parseLlmsTxt(budgeted.files["llms.txt"]).llmsTxt;
    const core = budgeted.files["llms.txt"].slice(0, budgeted.files["llms.txt"].indexOf("## Optional"));
    expect(countTokens(core)).toBeLessThanOrEqual(300);
    expect(budgeted.stats.budget).toMatchObject({ fits: true, descriptionsShortenedTo: 0 });
    expect(budgeted.stats.budget!.movedToOptional).toBeGreaterThan(0);
    expect(doc.sections.flatMap((s) => s.links)).toHaveLength(41);
  });
});
