import { describe, expect, it } from "vitest";
import { repeatTracker } from "./repeated-text.js";

describe("repeated text in a context pack", () => {
  it("flags a paragraph already in the pack, whatever its markup or case", () => {
    const seen = repeatTracker();
    seen.add("> **Note**\n> Back up your data before you upgrade the cluster to a new major version.");
    expect(
      seen.repeats("Note: back up your data before you upgrade the cluster to a new major version"),
    ).toBe(true);
  });

  it("keeps text that only shares a phrase or a short lead-in", () => {
    const seen = repeatTracker();
    seen.add("Back up your data before you upgrade the cluster to a new major version.");
    expect(
      seen.repeats("Before you upgrade the cluster, stop every client and run pg_upgrade --check first."),
    ).toBe(false);
    expect(seen.repeats("Back up")).toBe(false);
    expect(seen.repeats("")).toBe(false);
  });

  it("decides as counting every 5-word run would, including near the 80 % line", () => {
    const runs = (text: string) => {
      const w = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      if (w.length <= 5) return w.length ? [w.join(" ")] : [];
      return w.slice(4).map((_, i) => w.slice(i, i + 5).join(" "));
    };
    const words = "alpha beta gamma delta epsilon zeta eta theta iota kappa".split(" ");
    const seen = repeatTracker();
    const kept = new Set<string>();
    const packed = words.slice(0, 8).join(" ");
    seen.add(packed);
    for (const r of runs(packed)) kept.add(r);
    // Candidates that share a growing prefix with the packed text, so their share crosses 0.8.
    for (let shared = 0; shared <= 8; shared++) {
      for (let extra = 0; extra <= 4; extra++) {
        const text = [...words.slice(0, shared), ...Array.from({ length: extra }, (_, i) => `new${i}`)].join(
          " ",
        );
        const own = runs(text);
        const expected = own.length > 0 && own.filter((r) => kept.has(r)).length / own.length >= 0.8;
        expect(seen.repeats(text), text).toBe(expected);
      }
    }
  });
});
