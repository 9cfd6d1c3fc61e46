import { describe, expect, it } from "vitest";
import { formatLlmsTxt } from "../../crawler/llms-txt/format.js";
import { parseLlmsTxt } from "../../crawler/llms-txt/parse.js";
import type { LlmsTxt } from "../../schemas/llms-txt.js";
import { mergeWithTheirs } from "./merge-llms-txt.js";

const THEIRS: LlmsTxt = {
  title: "Widgets",
  summary: "Widgets, by the widget team.",
  sections: [
    {
      name: "Docs",
      optional: false,
      links: [
        { title: "Intro", url: "https://widgets.dev/docs/intro.md", notes: "Start here." },
        { title: "FAQ", url: "https://widgets.dev/docs/faq.md" },
      ],
    },
  ],
};

const OURS: LlmsTxt = {
  title: "Widgets docs",
  summary: "Our summary.",
  sections: [
    {
      name: "Overview",
      optional: false,
      links: [
        { title: "Introduction", url: "https://mirror.example/sites/w/docs/intro.html.md" },
        { title: "Install", url: "https://mirror.example/sites/w/docs/install.html.md" },
      ],
    },
    {
      name: "Guides",
      optional: false,
      links: [{ title: "FAQ", url: "https://mirror.example/sites/w/docs/faq/index.html.md" }],
    },
    {
      name: "Optional",
      optional: true,
      links: [{ title: "Changelog", url: "https://mirror.example/sites/w/docs/changelog.html.md" }],
    },
  ],
};

describe("mergeWithTheirs", () => {
  it("keeps the site's own file first and adds, marked, only the pages it lacks", () => {
    const { doc, comparison } = mergeWithTheirs(THEIRS, OURS, {
      theirBase: "https://widgets.dev/",
      ourBase: "https://mirror.example/sites/w/",
    });
    expect(comparison).toEqual({ theirs: 2, common: 2, missingFromTheirs: 2 });
    const parsed = parseLlmsTxt(formatLlmsTxt(doc));
    expect(parsed.llmsTxt.title).toBe("Widgets");
    expect(parsed.llmsTxt.summary).toBe("Widgets, by the widget team.");
    expect(parsed.llmsTxt.sections.map((s) => [s.name, s.links.map((l) => l.title)])).toEqual([
      ["Docs", ["Intro", "FAQ"]],
      ["Overview (added)", ["Install"]],
      ["Optional", ["Changelog"]],
    ]);
    expect(parsed.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });
});
