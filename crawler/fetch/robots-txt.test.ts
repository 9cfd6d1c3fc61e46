import { describe, expect, it } from "vitest";
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
