/**
 * The linear link scanner against the regular expressions it replaces: same output on many random
 * strings over the characters that matter, and linear time on runs of brackets.
 */
import { describe, expect, it } from "vitest";
import { type LinkSyntax, linkOpeners, replaceLinks } from "./link-syntax.js";

const ALPHABET = ["[", "]", "(", ")", "!", "\\", "a", " ", "\n", "\r"];

/** A small deterministic generator, so a failure reproduces. */
function randomStrings(count: number, seed = 7): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state;
  };
  return Array.from({ length: count }, () => {
    const length = next() % 40;
    return Array.from({ length }, () => ALPHABET[next() % ALPHABET.length]).join("");
  });
}

const CASES: Array<[string, RegExp, LinkSyntax, (t: string, u: string) => string, string]> = [
  [
    "plain-text image",
    /!\[((?:\\.|[^\]\\\n]){0,5})\]\([^)\s]{0,6}\)/g,
    { image: true, escapes: true, maxText: 5, urlNoSpace: true, maxUrl: 6 },
    (t) => t,
    "$1",
  ],
  [
    "plain-text link",
    /\[((?:\\.|[^\]\\\n]){0,5})\]\([^)\s]{0,6}\)/g,
    { escapes: true, maxText: 5, urlNoSpace: true, maxUrl: 6 },
    (t) => t,
    "$1",
  ],
  [
    "empty link",
    /\[\s{0,3}\]\([^)\s]{0,6}\)/g,
    { blankText: true, maxText: 3, urlNoSpace: true, maxUrl: 6 },
    () => "",
    "",
  ],
  ["cleanup empty link", /(?<!!)\[\s*\]\([^)]*\)/g, { image: "not-image", blankText: true }, () => "", ""],
  ["heading image", /!\[[^\]]*\]\([^)]*\)/g, { image: true, multiline: true }, () => "", ""],
  ["heading link", /\[([^\]]*)\]\([^)]*\)/g, { multiline: true }, (t) => t, "$1"],
];

describe("replaceLinks", () => {
  it.each(CASES)(
    "matches the regular expression it replaces (%s)",
    (_name, regex, syntax, fn, replacement) => {
      for (const s of randomStrings(5000)) {
        expect(replaceLinks(s, syntax, fn), JSON.stringify(s)).toBe(s.replace(regex, replacement));
      }
    },
  );

  it("keeps link text and drops the URL", () => {
    const text = replaceLinks("see [the docs](https://x.test/a) and ![logo](l.png)", {}, (t) => t);
    expect(text).toBe("see the docs and !logo");
  });

  it.each([
    ["[", "[".repeat(200_000)],
    ["![", "![".repeat(100_000)],
    ["](", "](".repeat(100_000)],
    ["[a](", "[a](".repeat(50_000)],
    ["\\[", "\\[".repeat(100_000)],
    ["[](", "[](".repeat(70_000)],
  ])("is linear on a run of %s", (_name, s) => {
    const start = performance.now();
    for (const syntax of CASES.map((c) => c[2]))
      replaceLinks(s, { ...syntax, maxText: 1000, maxUrl: 4000 }, () => "");
    linkOpeners(s, 1000);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe("linkOpeners", () => {
  it("matches the lookahead of the escape rule", () => {
    for (const s of randomStrings(5000, 11)) {
      const expected = [...s.matchAll(/\[(?=[^\]\n]{0,5}\]\()/g)].map((m) => m.index);
      expect(linkOpeners(s, 5), JSON.stringify(s)).toEqual(expected);
    }
  });
});
