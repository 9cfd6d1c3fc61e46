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

  it("reads header lines and page budgets into records, from the environment or flags", () => {
    const env = configFromEnv({
      AGENTWEB_HEADERS: "Authorization: Bearer a,b\nX-Team:  docs ",
      AGENTWEB_BUDGETS: "/docs/api/=100, /blog/=5",
    });
    const config = resolveConfig({ env });
    expect(config.headers).toEqual({ Authorization: "Bearer a,b", "X-Team": "docs" });
    expect(config.budgets).toEqual({ "/docs/api/": 100, "/blog/": 5 });
    expect(resolveConfig({ flags: { headers: ["Cookie2: x"], budgets: ["/a=1"] } })).toMatchObject({
      headers: { Cookie2: "x" },
      budgets: { "/a": 1 },
    });
    expect(resolveConfig({})).toMatchObject({ headers: {}, budgets: {} });
    expect(() => resolveConfig({ flags: { headers: ["no colon"] } })).toThrow(/Name: value/);
    expect(() => resolveConfig({ flags: { budgets: ["docs=3"] } })).toThrow(/path\/prefix/);
  });
});
