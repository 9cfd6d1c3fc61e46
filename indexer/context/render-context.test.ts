import { describe, expect, it } from "vitest";
import { renderContextMarkdown } from "./render-context.js";

const part = (title: string, headingPath: string[], text: string) => ({
  citation: "https://d.dev/jobs.html#backoff",
  url: "https://d.dev/jobs.html",
  title,
  headingPath,
  text,
  tokens: 1,
});

describe("renderContextMarkdown", () => {
  it("names a part's place once: the title or the H1 it repeats, then the headings above its own", () => {
    const md = renderContextMarkdown({
      parts: [
        part("Jobs | Quiver Docs", ["Jobs", "Retries", "Backoff"], "### Backoff\n\nThe delay doubles."),
      ],
    });
    expect(md).toBe(
      "Source: https://d.dev/jobs.html#backoff (Jobs › Retries)\n\n### Backoff\n\nThe delay doubles.\n",
    );
  });

  it("keeps the title when the headings do not repeat it", () => {
    const md = renderContextMarkdown({ parts: [part("Jobs", [], "Intro text.")] });
    expect(md.split("\n")[0]).toBe("Source: https://d.dev/jobs.html#backoff (Jobs)");
  });
});
