import { describe, expect, it } from "vitest";
import { normalizeUrl, parseHttpUrl } from "./normalize-url.js";
import { createScope } from "./scope.js";

describe("normalizeUrl", () => {
  it("drops fragments, default ports, tracking params and session ids; sorts the query", () => {
    expect(normalizeUrl("HTTP://Docs.Example.com:80/a;jsessionid=XYZ?b=2&a=1&utm_source=x#top")).toBe(
      "http://docs.example.com/a?a=1&b=2",
    );
  });
  it("resolves relative URLs against a base", () => {
    expect(normalizeUrl("../b.html#x", "https://x.dev/docs/a/c.html")).toBe("https://x.dev/docs/b.html");
  });
  it("rejects non-http URLs with INVALID_URL", () => {
    expect(() => parseHttpUrl("ftp://x.dev/")).toThrow(/not an http\(s\) URL/);
    expect(() => parseHttpUrl("not a url")).toThrow(/not a valid URL/);
  });
});

describe("createScope", () => {
  const scope = createScope("https://x.dev/docs/intro.html", {
    include: [],
    exclude: ["**/private/**"],
    maxDepth: 2,
  });
  it("keeps the origin and the start URL's directory", () => {
    expect(scope.prefix).toBe("/docs/");
    expect(scope.check("https://x.dev/docs/a.html", 1)).toBeUndefined();
    expect(scope.check("https://x.dev/blog/a.html", 1)).toBe("outside-prefix");
    expect(scope.check("https://other.dev/docs/a.html", 1)).toBe("other-origin");
  });
  it("applies exclude globs to the full URL and the depth limit", () => {
    expect(scope.check("https://x.dev/docs/private/a.html", 1)).toBe("excluded");
    expect(scope.check("https://x.dev/docs/a.html", 3)).toBe("too-deep");
  });
  it("with include globs, keeps only matching URLs", () => {
    const only = createScope("https://x.dev/", {
      include: ["https://x.dev/api/**"],
      exclude: [],
      maxDepth: 9,
    });
    expect(only.check("https://x.dev/api/queue.html", 1)).toBeUndefined();
    expect(only.check("https://x.dev/docs/a.html", 1)).toBe("not-included");
  });
});
