import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

describe("logger", () => {
  it("writes JSON lines at or above the configured level only", () => {
    const lines: string[] = [];
    const log = createLogger({ level: "warn", write: (line) => lines.push(line) });
    log.debug("noise");
    log.info("request", { path: "/v1/search" });
    log.warn("slow", { ms: 1200 });
    log.error("failed", { error: "boom" });
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries.map((e) => [e.level, e.msg])).toEqual([
      ["warn", "slow"],
      ["error", "failed"],
    ]);
    expect(entries[0]).toMatchObject({ ms: 1200 });
    expect(Date.parse(entries[0].time)).not.toBeNaN();
    expect(lines.every((l) => l.endsWith("\n"))).toBe(true);
  });
});
