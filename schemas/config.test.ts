import { describe, expect, it } from "vitest";
import { configFromEnv, resolveConfig } from "./config.js";

describe("config", () => {
  it("layers defaults < file < env < flags, env values coerced", () => {
    const env = configFromEnv({ AGENTWEB_VECTOR_WEIGHT: "0.5", AGENTWEB_SEARCH_MODE: "hybrid" });
    expect(resolveConfig({}).vectorWeight).toBe(0.2);
    expect(resolveConfig({ file: { vectorWeight: 1 }, env }).vectorWeight).toBe(0.5);
    const config = resolveConfig({ file: { searchMode: "vector" }, env, flags: { vectorWeight: 2 } });
    expect(config).toMatchObject({ vectorWeight: 2, searchMode: "hybrid" });
  });

  it("names a bad option", () => {
    expect(() => resolveConfig({ env: configFromEnv({ AGENTWEB_VECTOR_WEIGHT: "-1" }) })).toThrow(
      /vectorWeight/,
    );
  });
});
