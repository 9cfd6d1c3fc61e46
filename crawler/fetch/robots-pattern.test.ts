import { describe, expect, it } from "vitest";
import { bestCpuMillis } from "../../test/helpers/cpu-time.js";
import { seededRandom } from "../../test/helpers/seeded-random.js";
import { compileRobotsPattern } from "./robots-pattern.js";

/** The textbook wildcard DP: no regex, no greed, obviously right on short inputs. */
function referenceMatch(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith("$");
  const p = anchored ? pattern.slice(0, -1) : pattern;
  // reach[j]: the first i pattern characters can match path[0..j).
  let reach = Array.from({ length: path.length + 1 }, (_, j) => j === 0);
  for (const ch of p) {
    const next = new Array<boolean>(path.length + 1).fill(false);
    for (let j = 0; j <= path.length; j++) {
      if (ch === "*") next[j] = reach[j]! || (j > 0 && next[j - 1]!);
      else next[j] = j > 0 && reach[j - 1]! && path[j - 1] === ch;
    }
    reach = next;
  }
  return anchored ? reach[path.length]! : reach.some(Boolean);
}

/** The regex form robots patterns were matched with before; fine on short inputs. */
function regexMatch(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith("$");
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const source = body
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}${anchored ? "$" : ""}`).test(path);
}

describe("compileRobotsPattern", () => {
  it.each([
    ["/", "/anything", true],
    ["/a$", "/a", true],
    ["/a$", "/ab", false],
    ["$", "", true],
    ["$", "/", false],
    ["/a$b", "/a$bc", true], // only a final $ anchors
    ["/$$", "/$", true],
    ["/*", "/", true],
    ["*", "", true],
    ["/*$", "/x", true],
    ["/a*b*c", "/a-c-b", false],
    ["/a*b*c", "/a-b-c", true],
    ["/a*b$", "/ab/b", true],
    ["/a*ab$", "/ab", false], // the tail may not overlap the head
    ["/ab*ab*ab$", "/abab", false],
    ["/ab*ab*ab$", "/ababab", true], // stars may match nothing
    ["/ab*ab*ab$", "/ab/ab/ab", true],
    ["/**x", "/x", true],
  ])("%j on %j → %s", (pattern, path, expected) => {
    expect(compileRobotsPattern(pattern).matches(path)).toBe(expected);
    expect(referenceMatch(pattern, path)).toBe(expected);
  });

  it("agrees with the DP and the regex on 5,000 seeded random patterns and paths", () => {
    const next = seededRandom(9309);
    const alphabet = "ab*$/%";
    const pick = (s: string) => s[Math.floor(next() * s.length)]!;
    const word = (max: number, chars: string) =>
      Array.from({ length: Math.floor(next() * (max + 1)) }, () => pick(chars)).join("");
    const outcomes = { true: 0, false: 0 };
    for (let i = 0; i < 5_000; i++) {
      const pattern = word(10, alphabet);
      // Half the paths are drawn from the pattern itself (stars filled in), so matches are common.
      const path =
        next() < 0.5
          ? pattern.replace(/\$$/, "").replace(/\*/g, () => word(3, alphabet)) + word(2, alphabet)
          : word(12, alphabet);
      const got = compileRobotsPattern(pattern).matches(path);
      const want = referenceMatch(pattern, path);
      if (got !== want || got !== regexMatch(pattern, path)) {
        expect({ pattern, path, got }).toEqual({ pattern, path, got: want });
      }
      outcomes[`${got}`]++;
    }
    expect(outcomes.true).toBeGreaterThan(1_000);
    expect(outcomes.false).toBeGreaterThan(1_000);
  });

  it.each([
    ["10,000 stars before a missing letter", `/${"*".repeat(10_000)}X`, `/${"a".repeat(10_000)}`],
    ["10,000 stars then $", `/${"*".repeat(10_000)}a$`, `/${"a".repeat(100_000)}b`],
    ["5,000 starred letters", `/${"*a".repeat(5_000)}*b`, `/${"a".repeat(100_000)}`],
    ["a long piece after a star", `/*${"a".repeat(5_000)}b`, `/${"a".repeat(100_000)}`],
    ["an anchored long tail", `/*${"ab".repeat(5_000)}$`, `/${"ab".repeat(50_000)}a`],
  ])("stays fast on hostile input: %s", (_name, pattern, path) => {
    const [matched, ms] = bestCpuMillis(() => compileRobotsPattern(pattern).matches(path));
    expect(ms).toBeLessThan(200);
    expect(matched).toBe(false);
  });
});
