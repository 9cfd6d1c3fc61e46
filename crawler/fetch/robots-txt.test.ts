import { describe, expect, it } from "vitest";
import { bestCpuMillis } from "../../test/helpers/cpu-time.js";
import { seededRandom } from "../../test/helpers/seeded-random.js";
import { parseRobotsTxt, policyFor } from "./robots-txt.js";

// The example file of RFC 9309 §5.1, with the outcomes the RFC describes.
const RFC_EXAMPLE = `User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

EOF
`;

describe("robots.txt (RFC 9309)", () => {
  it.each([
    // [user agent, path, allowed]
    ["foobot", "/example/page.html", true],
    ["foobot", "/example/allowed.gif", true],
    ["foobot", "/example/disallowed.gif", false],
    ["foobot", "/", false],
    ["FooBot/2.1 (+https://foo)", "/example/page.html", true],
    ["barbot", "/example/page.html", false],
    ["bazbot", "/example/page.html", false],
    ["barbot", "/example/other.html", true],
    ["quxbot", "/example/anything", true],
    ["otherbot", "/publications/", true],
    ["otherbot", "/example/x", false],
    ["otherbot", "/images/a.gif", false],
    ["otherbot", "/images/a.gif?x=1", true],
    ["otherbot", "/robots.txt", true],
  ])("%s on %s → allowed %s", (agent, path, allowed) => {
    expect(policyFor(parseRobotsTxt(RFC_EXAMPLE), agent).isAllowed(path)).toBe(allowed);
  });

  it("merges groups naming the same agent (§2.2.1)", () => {
    const text =
      "user-agent: ExampleBot\ndisallow: /foo\ndisallow: /bar\n\nuser-agent: ExampleBot\ndisallow: /baz\n";
    const p = policyFor(parseRobotsTxt(text), "examplebot");
    expect(["/foo", "/bar", "/baz", "/qux"].map((x) => p.isAllowed(x))).toEqual([false, false, false, true]);
  });

  it("falls back to * only when no group names the agent", () => {
    const text = "User-agent: *\nDisallow: /\n\nUser-agent: agentweb\nDisallow: /private\n";
    const p = policyFor(parseRobotsTxt(text), "agentweb/0.1");
    expect(p.isAllowed("/docs")).toBe(true);
    expect(p.isAllowed("/private/x")).toBe(false);
  });

  it.each([
    // [rules, path, allowed] — longest match wins, Allow wins a tie, wildcards and $
    ["Allow: /p\nDisallow: /", "/page", true],
    ["Allow: /folder\nDisallow: /folder", "/folder/page", true],
    ["Allow: /page\nDisallow: /*.htm", "/page.htm", false],
    ["Allow: /page\nDisallow: /*.ph", "/page.php5", true], // equal length: Allow wins the tie
    ["Allow: /$\nDisallow: /", "/", true],
    ["Allow: /$\nDisallow: /", "/page.htm", false],
    ["Disallow: /fish*.php", "/fishheads/catfish.php?p=1", false],
    ["Disallow: /fish*.php", "/Fish.PHP", true],
    ["Disallow: /*.php$", "/filename.php", false],
    ["Disallow: /*.php$", "/filename.php?parameters", true],
    ["Disallow: /*.php$", "/filename.php5", true],
    ["Disallow:", "/anything", true],
    ["Disallow: /foo/bar/%62%61%7A", "/foo/bar/baz", false],
    ["Disallow: /foo/bar/ツ", "/foo/bar/%E3%83%84", false],
    ["Disallow: /foo/bar/%e3%83%84", "/foo/bar/%E3%83%84", false],
    ["Disallow: /foo/bar?baz=quz", "/foo/bar?baz=quz", false],
  ])("%j on %s → allowed %s", (rules, path, allowed) => {
    const p = policyFor(parseRobotsTxt(`User-agent: *\n${rules}\n`), "agentweb");
    expect(p.isAllowed(path)).toBe(allowed);
  });

  it("reads Crawl-delay and Sitemap lines, ignores comments and unknown keys", () => {
    const text =
      "# hi\nSitemap: https://x.dev/sitemap.xml\nUser-agent: *  # all\nCrawl-delay: 2\nFoo: bar\nDisallow: /a # no\n";
    const p = policyFor(parseRobotsTxt(text), "agentweb");
    expect(p.crawlDelay).toBe(2);
    expect(p.sitemaps).toEqual(["https://x.dev/sitemap.xml"]);
    expect(p.isAllowed("/a/b")).toBe(false);
  });

  it("parses at least 500 KiB", () => {
    const filler = "# pad\n".repeat(80_000);
    const p = policyFor(parseRobotsTxt(`User-agent: *\n${filler}Disallow: /late\n`), "agentweb");
    expect(p.isAllowed("/late")).toBe(false);
  });
});

/** Normalisation and matching as they were first written (a char loop and a regex), as an oracle. */
function referenceAllowed(pattern: string, path: string): boolean {
  const normalize = (input: string) => {
    let out = "";
    for (const ch of input) {
      const code = ch.codePointAt(0)!;
      out += code > 0x7e || code < 0x21 ? encodeURIComponent(ch) : ch;
    }
    return out.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => {
      const c = String.fromCharCode(Number.parseInt(hex, 16));
      return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${hex.toUpperCase()}`;
    });
  };
  const p = normalize(pattern);
  const anchored = p.endsWith("$");
  const source = (anchored ? p.slice(0, -1) : p)
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return !new RegExp(`^${source}${anchored ? "$" : ""}`).test(normalize(path));
}

describe("robots.txt normalisation and matching", () => {
  it("agrees with the reference on 3,000 seeded random rules and paths", () => {
    const next = seededRandom(2022);
    const pick = (s: string[]) => s[Math.floor(next() * s.length)]!;
    const chars = [..."ab/*$%4eF7~.ツé"];
    const word = (max: number) =>
      Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(chars)).join("");
    let disallowed = 0;
    for (let i = 0; i < 3_000; i++) {
      const pattern = word(10);
      const path =
        next() < 0.5 ? pattern.replace(/\$$/, "").replace(/\*/g, () => word(3)) + word(2) : word(12);
      const got = policyFor(parseRobotsTxt(`User-agent: *\nDisallow: ${pattern}\n`), "a").isAllowed(path);
      const want = referenceAllowed(pattern, path);
      if (got !== want) expect({ pattern, path, got }).toEqual({ pattern, path, got: want });
      if (!got) disallowed++;
    }
    expect(disallowed).toBeGreaterThan(600);
    expect(disallowed).toBeLessThan(2_400);
  });
});

describe("robots.txt on hostile input", () => {
  const KIB_500 = 500 * 1024;

  it("parses and checks a 10,000-star rule in a 500 KiB file in milliseconds", () => {
    const rule = `Disallow: /${"*".repeat(10_000)}X\n`;
    const filler = "Disallow: /private/*.php$\n".repeat(Math.ceil((KIB_500 - rule.length) / 26));
    const text = `User-agent: *\n${rule}${filler}`;
    expect(text.length).toBeGreaterThanOrEqual(KIB_500);
    const [allowed, ms] = bestCpuMillis(() => {
      const p = policyFor(parseRobotsTxt(text), "agentweb");
      return [p.isAllowed(`/${"a".repeat(2_000)}`), p.isAllowed("/docs/X"), p.isAllowed("/private/a.php")];
    });
    expect(allowed).toEqual([true, false, false]);
    expect(ms).toBeLessThan(200);
  });

  it.each([
    ["a run of # before a line separator", `${"#".repeat(KIB_500)}\u2028`],
    ["a 500 KiB star rule", `Disallow: /${"*".repeat(KIB_500)}`],
    ["a 500 KiB percent rule", `Disallow: /${"%".repeat(KIB_500)}`],
    ["a 500 KiB escaped rule", `Allow: /${"%e3%83%84ツ".repeat(KIB_500 / 10)}`],
    ["colons", ":".repeat(KIB_500)],
    ["spaces", `${" ".repeat(KIB_500)}x`],
    ["bare carriage returns", "\r".repeat(KIB_500)],
    ["a long user agent", `User-agent: ${"a-".repeat(KIB_500 / 2)}`],
    ["user-agent lines", "User-agent: x\n".repeat(KIB_500 / 14)],
    ["many star rules", "Disallow: /*a*b*$\n".repeat(KIB_500 / 18)],
  ])("parses 500 KiB of %s in linear time", (_name, body) => {
    const [, ms] = bestCpuMillis(() =>
      policyFor(parseRobotsTxt(`User-agent: *\n${body}\n`), "agentweb").isAllowed(`/${"ab".repeat(1_000)}`),
    );
    expect(ms).toBeLessThan(200);
  });
});
