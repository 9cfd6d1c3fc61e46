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
});
