import { describe, expect, it } from "vitest";
import { trimToQuery } from "./trim-to-query.js";

describe("trimToQuery", () => {
  const text = [
    "## Locks",
    "",
    "Tables can be locked in several modes. Most commands take a lock on their own.",
    "",
    "A deadlock is detected after deadlock_timeout and one transaction is aborted. The other goes on.",
    "",
    "```sql",
    "LOCK TABLE films;",
    "",
    "SELECT 1;",
    "```",
  ].join("\n");

  it("returns the sentences around the best match, marking what was left out", () => {
    const out = trimToQuery(text, "when is a deadlock detected", (t) => t.length <= 100);
    expect(out).toContain("A deadlock is detected after deadlock_timeout");
    expect(out!.startsWith("… ")).toBe(true);
    expect(out!.length).toBeLessThanOrEqual(100);
  });

  it("keeps a code fence whole or leaves it out", () => {
    const out = trimToQuery(text, "lock table films", (t) => t.length <= 60);
    expect(out).toBe("… ```sql\nLOCK TABLE films;\n\nSELECT 1;\n```");
  });

  it("gives up when nothing matches or nothing fits", () => {
    expect(trimToQuery(text, "vacuum", () => true)).toBeUndefined();
    expect(trimToQuery(text, "deadlock", () => false)).toBeUndefined();
  });
});
