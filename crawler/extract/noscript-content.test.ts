import { describe, expect, it } from "vitest";
import { extractPage } from "./extract-page.js";

const post = (who: string, text: string): string =>
  `<div class="topic-body crawler-post"><div class="crawler-post-meta"><span class="creator">${who}</span></div><div class="post" itemprop="text"><p>${text}</p></div></div>`;

/** A forum topic as a Discourse-style app serves it: a script-built shell, the topic in <noscript>. */
const topic = `<!DOCTYPE html><html><head><title>Is an MSRV bump a breaking change? - Forum</title></head><body>
<section id="d-splash"><h2>Loading…</h2></section>
<noscript><p>Please enable JavaScript for the full experience.</p></noscript>
<noscript data-path="/t/msrv/1"><header><a href="/">The Forum</a></header>
<div id="main-outlet" class="wrap" role="main"><div id="topic-title"><h1>Is an MSRV bump a breaking change?</h1></div>
${post("alice", "The rust-version field of a crate I depend on moved to 1.85 with the 2024 edition, so every crate that depends on it now needs that compiler as well. Is raising it a breaking change?")}
${post("bob", "Raising the minimum supported compiler version has never been broadly treated as a breaking change; a few projects do treat it so, but they are a minority, and the resolver now picks versions that fit your compiler.")}
${post("carol", "As a maintainer I can confirm that: we no longer treat such a bump as breaking, so it may come in a patch release, and the same holds for the other crates we publish.")}
</div><footer><a href="/privacy">Privacy</a></footer></noscript>
<script src="/app.js"></script></body></html>`;

describe("content in <noscript>", () => {
  it("reads a page whose whole content is its <noscript> fallback, every post of it", () => {
    const page = extractPage(topic, "https://forum.example.test/t/msrv/1");
    expect(page.jsRequired).toBeUndefined();
    expect(page.markdown).toContain("# Is an MSRV bump a breaking change?");
    for (const words of ["every crate that depends on it", "never been broadly treated", "patch release"])
      expect(page.markdown).toContain(words);
    expect(page.markdown).not.toContain("Please enable JavaScript");
    expect(page.removed).toContainEqual(expect.objectContaining({ reason: "kept:noscript-content" }));
  });

  it("still drops a <noscript> notice and a lazy image fallback on an ordinary page", () => {
    const html = `<html><body><article><h1>Story</h1><p>${"Plain words of the story. ".repeat(40)}</p>
<noscript><img src="/a.png" alt="A picture"></noscript></article>
<noscript><p>${"Enable JavaScript to see comments and more of this site. ".repeat(3)}</p></noscript></body></html>`;
    const page = extractPage(html, "https://news.example.test/story");
    expect(page.markdown).not.toContain("Enable JavaScript");
    expect(page.removed.some((r) => r.reason === "kept:noscript-content")).toBe(false);
  });
});
