import { describe, expect, it } from "vitest";
import { parseLlmsTxt } from "../../crawler/llms-txt/parse.js";
import type { Page, PageLink } from "../../schemas/page.js";
import { storedPage } from "../../test/helpers/stored-page.js";
import { buildPublication } from "./build-publication.js";
import { firstParagraph, shorten } from "./describe-page.js";

const ORIGIN = "https://book.example.org";

function page(path: string, title: string, extra: Partial<Page> = {}): Page {
  const url = `${ORIGIN}${path}`;
  const markdown =
    extra.markdown ?? `# ${title}\n\nThis chapter of the book explains ${title.toLowerCase()}.\n`;
  return storedPage(url, markdown, { title: `${title} - The Widget Book`, ...extra });
}

const link = (path: string, text: string, region: PageLink["region"], depth?: number): PageLink => ({
  url: `${ORIGIN}${path}`,
  text,
  region,
  ...(depth ? { depth } : {}),
});

/** An mdBook-like sidebar: numbered chapters, their sections one level deeper, an appendix. */
const SIDEBAR: [string, string, number][] = [
  ["/foreword.html", "Foreword", 1],
  ["/introduction.html", "Introduction", 1],
  ["/ch01.html", "1. Getting Started", 1],
  ["/ch01-01.html", "1.1. Installation", 2],
  ["/ch01-02.html", "1.2. Hello, World!", 2],
  ["/ch02.html", "2. Guessing Game", 1],
  ["/ch03.html", "3. Common Concepts", 1],
  ["/ch03-01.html", "3.1. Variables", 2],
  ["/appendix.html", "Appendix", 1],
  ["/appendix-a.html", "A. Keywords", 2],
];
const sidebar = SIDEBAR.map(([path, text, depth]) => link(path, text, "nav", depth));

function book(): Page[] {
  const home = page("/index.html", "The Widget Book", {
    description: "The Widget Book teaches widgets from first install to production.",
    // The home page's own text links to Installation first: a crawl meets it before the Foreword.
    links: [link("/ch01-01.html", "install it", "main"), ...sidebar],
  });
  const chapters = SIDEBAR.map(([path, text]) =>
    page(path, text.replace(/^[\d.A-Z]+\.\s+/, ""), { links: [link(path, "Next", "nav"), ...sidebar] }),
  );
  return [home, ...chapters];
}

const names = (text: string) =>
  parseLlmsTxt(text).llmsTxt.sections.map((s) => [s.name, s.links.map((l) => l.title)]);

describe("llms.txt from the site's own table of contents", () => {
  it("takes sections, order and names from the sidebar, and files the appendix under Optional", () => {
    const pub = buildPublication(book(), { site: "book", startUrl: `${ORIGIN}/index.html` });
    expect(pub.llmsTxt.title).toBe("The Widget Book");
    expect(pub.llmsTxt.summary).toBe("The Widget Book teaches widgets from first install to production.");
    expect(names(pub.files["llms.txt"])).toEqual([
      ["Overview", ["The Widget Book", "Foreword", "Introduction"]],
      ["Getting Started", ["Getting Started", "Installation", "Hello, World!"]],
      ["Guessing Game", ["Guessing Game"]],
      ["Common Concepts", ["Common Concepts", "Variables"]],
      ["Optional", ["Appendix", "Keywords"]],
    ]);
  });

  it("lists only the top two levels of a large site's table, and every page in llms-full.txt", () => {
    const pages = book();
    const deep: [string, string, number][] = Array.from({ length: 160 }, (_, i) => [
      `/ch03-01-${i}.html`,
      `3.1.${i}. Detail ${i}`,
      3,
    ]);
    const nav = [
      ...sidebar.slice(0, 8),
      ...deep.map(([p, t, d]) => link(p, t, "nav", d)),
      ...sidebar.slice(8),
    ];
    const all = [
      ...pages.map((p) => ({
        ...p,
        links: p.links
          .map((l) => l)
          .filter((l) => l.region === "main")
          .concat(nav),
      })),
      ...deep.map(([path, text]) => page(path, text.replace(/^[\d.]+\s+/, ""), { links: nav })),
    ];
    const pub = buildPublication(all, { site: "book", startUrl: `${ORIGIN}/index.html` });
    const listed = parseLlmsTxt(pub.files["llms.txt"]).llmsTxt.sections.flatMap((s) => s.links);
    expect(listed.some((l) => l.title.startsWith("Detail"))).toBe(false);
    expect(listed.map((l) => l.title)).toContain("Variables");
    for (const [path] of deep) expect(pub.files["llms-full.txt"]).toContain(`Source: ${ORIGIN}${path}`);
  });

  it("reads a collapsed category (a label linking to its first page) as a section, not a page", () => {
    const docs: [string, string, number][] = [
      ["/intro", "Introduction", 1],
      ["/guides/setup", "Guides", 1],
      ["/guides/setup", "Setup", 2],
      ["/guides/deploy", "Deploy", 2],
      ["/faq", "FAQ", 1],
    ];
    const collapsed = [link("/intro", "Introduction", "nav", 1), link("/guides/setup", "Guides", "nav", 1)];
    const expanded = docs.map(([p, t, d]) => link(p, t, "nav", d));
    const pages = [
      page("/", "Widgets", { description: "Docs for widgets.", links: [link("/intro", "Start", "main")] }),
      page("/intro", "Introduction", { links: [...collapsed, link("/faq", "FAQ", "nav", 1)] }),
      page("/guides/setup", "Setup", { links: expanded }),
      page("/guides/deploy", "Deploy", { links: expanded }),
      page("/faq", "FAQ", { links: [...collapsed, link("/faq", "FAQ", "nav", 1)] }),
    ];
    const pub = buildPublication(pages, { site: "w", startUrl: `${ORIGIN}/` });
    expect(names(pub.files["llms.txt"])).toEqual([
      ["Overview", ["Widgets", "Introduction"]],
      ["Guides", ["Setup", "Deploy"]],
      ["FAQ", ["FAQ"]],
    ]);
  });

  it("nests each page's own contents list under the page (DocBook parts and chapters)", () => {
    const nav = (path: string, text: string, depth: number) => link(path, text, "nav", depth);
    const pages = [
      page("/index.html", "Widget DB Manual", {
        description: "The manual of Widget DB.",
        links: [
          nav("/tutorial.html", "I. Tutorial", 1),
          nav("/start.html", "1. Getting Started", 2),
          nav("/reference.html", "II. Reference", 1),
        ],
      }),
      // A part page lists its chapters and their sections, itself left out.
      page("/tutorial.html", "Part I. Tutorial", {
        links: [
          nav("/start.html", "1. Getting Started", 1),
          nav("/install.html", "1.1. Installation", 2),
          nav("/sql.html", "2. The SQL Language", 1),
        ],
      }),
      page("/start.html", "Chapter 1. Getting Started", {
        links: [nav("/install.html", "1.1. Installation", 1), nav("/arch.html", "1.2. Architecture", 1)],
      }),
      page("/install.html", "1.1. Installation", {
        links: [link("/reference.html", "Chapter 9", "other", 1)],
      }),
      page("/arch.html", "1.2. Architecture"),
      page("/sql.html", "Chapter 2. The SQL Language"),
      page("/reference.html", "Part II. Reference", {
        links: [nav("/select.html", "SELECT", 1), nav("/insert.html", "INSERT", 1)],
      }),
      page("/select.html", "SELECT"),
      page("/insert.html", "INSERT"),
    ];
    const pub = buildPublication(pages, { site: "db", startUrl: `${ORIGIN}/index.html` });
    expect(names(pub.files["llms.txt"])).toEqual([
      ["Overview", ["Widget DB Manual"]],
      [
        "Tutorial",
        [
          "Part I. Tutorial",
          "Chapter 1. Getting Started",
          "1.1. Installation",
          "1.2. Architecture",
          "Chapter 2. The SQL Language",
        ],
      ],
      ["Reference", ["Part II. Reference", "SELECT", "INSERT"]],
    ]);
  });

  it("uses a contents page's nested list when pages carry no sidebar (DocBook, Sphinx)", () => {
    const toc = [
      link("/preface.html", "Preface", "main", 1),
      link("/tutorial.html", "I. Tutorial", "main", 1),
      link("/start.html", "1. Getting Started", "main", 2),
      link("/sql.html", "2. The SQL Language", "main", 2),
      link("/reference.html", "II. Reference", "main", 1),
      link("/commands.html", "3. Commands", "main", 2),
      link("/bookindex.html", "Index", "main", 1),
    ];
    const pages = [
      page("/index.html", "Widget DB Manual", {
        links: toc,
        markdown: "# Widget DB Manual\n\nThe manual of Widget DB, a database for widgets.\n",
      }),
      ...toc.map((l) => page(new URL(l.url).pathname, l.text.replace(/^[\dIV]+\.\s+/, ""))),
    ];
    const pub = buildPublication(pages, { site: "db", startUrl: `${ORIGIN}/index.html` });
    expect(pub.llmsTxt.summary).toBe("The manual of Widget DB, a database for widgets.");
    expect(names(pub.files["llms.txt"])).toEqual([
      ["Overview", ["Widget DB Manual", "Preface"]],
      ["Tutorial", ["Tutorial", "Getting Started", "The SQL Language"]],
      ["Reference", ["Reference", "Commands"]],
      ["Optional", ["Index"]],
    ]);
  });
});

describe("link notes", () => {
  it("come from prose, never from an option list or a signature", () => {
    const markdown = [
      "# git-widget(1)",
      "",
      "**-q**",
      "",
      "**--quiet**",
      ": Quiet, suppress feedback messages.",
      "",
      "**--force**",
      "",
      "When switching widgets, proceed even if the index differs.",
      "",
      "## Description",
      "",
      "`widget(name[, options])`",
      "",
      "Creates, lists or deletes widgets in the current repository.",
    ].join("\n");
    expect(firstParagraph(markdown)).toBe("Creates, lists or deletes widgets in the current repository.");
    expect(
      firstParagraph("# Widgets\n\n© Copyright 2001-2026, Widget Foundation.\n\nWidgets are small parts."),
    ).toBe("Widgets are small parts.");
  });

  it("are whole sentences, so the validator finds nothing cut off", () => {
    const long = `${"Widgets are small parts that fit together in many ways. ".repeat(3)}They also ship with a long tail of options that nobody reads.`;
    expect(shorten(long, 120)).toBe(
      "Widgets are small parts that fit together in many ways. Widgets are small parts that fit together in many ways.",
    );
    expect(
      shorten("See e.g. the guide for the full list of the widget options and their defaults today.", 60),
    ).toBe("See e.g. the guide for the full list of the widget options and their defaults today.");
    const pages = book().map((p) => ({
      ...p,
      markdown: `# ${p.title}\n\n${long} ${long}\n`,
    }));
    const parsed = parseLlmsTxt(
      buildPublication(pages, { site: "b", startUrl: `${ORIGIN}/index.html` }).files["llms.txt"],
    );
    expect(parsed.findings.filter((f) => f.severity !== "info" || f.code === "notes-truncated")).toEqual([]);
  });
});
