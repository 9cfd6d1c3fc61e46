import { describe, expect, it } from "vitest";
import type { LlmsTxt } from "../../schemas/llms-txt.js";
import { formatLlmsTxt } from "./format.js";
import { parseLlmsTxt } from "./parse.js";

/** A small seeded PRNG (mulberry32): the property runs the same cases every time. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  "queue",
  "Retry",
  "worker",
  "naïve",
  "API",
  "v2.0",
  "[beta]",
  "a:b",
  "x_y",
  "50%",
  "C++",
  "it's",
  "«quoted»",
  "日本語",
  "(paren)",
  "—",
  "`code`",
  "*em*",
];

function generate(rand: () => number): LlmsTxt {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const words = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(rand() * (max - min + 1)) }, () => pick(WORDS)).join(" ");
  const url = () => {
    const u = new URL(`https://${pick(["x.dev", "docs.example.com", "127.0.0.1:8080"])}/`);
    u.pathname =
      Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
        pick(["docs", "a b", "Foo_(bar)", "ü", "api", "v1.2"]),
      ).join("/") + pick([".md", ".html.md", "/index.html.md", ""]);
    if (rand() < 0.2) u.search = "?q=1&x=(y)";
    return u.href;
  };
  const names = ["Docs", "Guides", "API reference", "Examples", "Optional"];
  const sections = Array.from({ length: Math.floor(rand() * 4) + 1 }, (_, i) => {
    const name = i === 0 ? pick(names.slice(0, 4)) : pick(names);
    return {
      name,
      optional: name === "Optional",
      links: Array.from({ length: 1 + Math.floor(rand() * 5) }, () => ({
        title: words(1, 4),
        url: url(),
        ...(rand() < 0.7 ? { notes: words(1, 12) } : {}),
      })),
    };
  });
  return {
    title: words(1, 3),
    ...(rand() < 0.8 ? { summary: words(3, 20) } : {}),
    ...(rand() < 0.5 ? { info: `${words(5, 15)}\n\n- ${words(2, 5)}\n- ${words(2, 5)}` } : {}),
    sections,
  };
}

describe("round trip: formatLlmsTxt → parseLlmsTxt", () => {
  it("gives zero error findings and the same structure for 300 generated files", () => {
    const rand = rng(20260501);
    for (let i = 0; i < 300; i++) {
      const doc = generate(rand);
      const text = formatLlmsTxt(doc);
      const { llmsTxt, findings } = parseLlmsTxt(text);
      expect(
        findings.filter((f) => f.severity === "error"),
        text,
      ).toEqual([]);
      // Only "no-summary" (info) may remain, for a generated file without a summary.
      expect(
        findings.filter((f) => f.code !== "no-summary" || doc.summary),
        text,
      ).toEqual([]);
      expect(llmsTxt.title).toBe(doc.title);
      expect(llmsTxt.summary).toBe(doc.summary);
      expect(llmsTxt.info).toBe(doc.info);
      const links = (d: LlmsTxt) =>
        d.sections.map((s) => [s.name, s.optional, s.links.map((l) => [l.title, l.url, l.notes])]);
      expect(links(llmsTxt), text).toEqual(links(doc));
    }
  });

  it("writes the proposal's exact form", () => {
    const text = formatLlmsTxt({
      title: "Proj",
      summary: "What it is",
      info: "Notes.",
      sections: [
        {
          name: "Docs",
          optional: false,
          links: [{ title: "A [x]", url: "https://x.dev/a.md", notes: "first" }],
        },
      ],
    });
    expect(text).toBe(
      "# Proj\n\n> What it is\n\nNotes.\n\n## Docs\n\n- [A \\[x\\]](https://x.dev/a.md): first\n",
    );
  });
});
