import { describe, expect, it } from "vitest";
import { countTokens, truncateToTokens } from "./tokens.js";

describe("tokens", () => {
  it("counts ordinary text as the encoder does", () => {
    expect(countTokens("hello world")).toBe(2);
    expect(truncateToTokens("one two three", 2)).toBe("one two");
  });

  it.each([
    ["100k ‹", "‹".repeat(100_000)],
    ["2 MB line without spaces", "abcdefghij".repeat(200_000)],
    ["200k spaces", `a${" ".repeat(200_000)}b`],
    ["emoji pairs", "a😀".repeat(50_000)],
  ])("counts and truncates %s in linear time", (_name, text) => {
    const started = performance.now();
    expect(countTokens(text)).toBeGreaterThan(100);
    const cut = truncateToTokens(text, 1000);
    expect(text.startsWith(cut)).toBe(true);
    expect(countTokens(cut)).toBeLessThanOrEqual(1000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
