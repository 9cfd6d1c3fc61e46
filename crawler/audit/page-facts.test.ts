import { describe, expect, it } from "vitest";
import { extractInline } from "../extract-pool/extract-pool.js";
import { extractTimeout } from "../extract-pool/in-thread.js";
import { type GetOk, getOk } from "../fetch/safe-get.js";
import { pageFacts } from "./page-facts.js";

function response(body: string): GetOk {
  return getOk({
    url: "http://127.0.0.1:9/p.html",
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8" },
    body: Buffer.from(body),
    ms: 1,
  });
}

const page = (head: string, body: string) =>
  `<!doctype html><html lang="en"><head><title>T</title>${head}</head><body><main><h1>T</h1><p>Text.</p>${body}</main></body></html>`;

describe("pageFacts: can the page change in a browser", () => {
  it.each([
    ["a script", page('<script src="/app.js"></script>', ""), true],
    ["a module script", page('<script type="module">import "/m.js"</script>', ""), true],
    ["an inline handler (any case)", page("", '<button onClick="go()">Go</button>'), true],
    ["a body onload", page("", "").replace("<body>", '<body onload="init()">'), true],
    ["a meta refresh", page('<meta HTTP-EQUIV="Refresh" content="0; url=/next.html">', ""), true],
    ["JSON-LD only", page('<script type="application/ld+json">{"@type":"TechArticle"}</script>', ""), false],
    [
      "nothing that runs",
      page('<meta http-equiv="content-type" content="text/html">', "<noscript>x</noscript>"),
      false,
    ],
  ])("%s", async (_name, html, scripted) => {
    expect((await pageFacts(response(html))).scripted).toBe(scripted);
  });

  it("extracts through the given extractor", async () => {
    const facts = await pageFacts(response(page("", "")), (html, url) => {
      const inline = extractInline(html, url);
      return { extracted: { ...inline.extracted, title: "From the pool" }, tokens: { html: 7, markdown: 3 } };
    });
    expect(facts).toMatchObject({ title: "From the pool", htmlTokens: 7, markdownTokens: 3, h1: 1 });
  });

  it("reports a page past its extraction budget as a failed page, not a failed audit", async () => {
    const facts = await pageFacts(response(page("", "")), async (_html, url) => {
      throw extractTimeout(url, 50);
    });
    expect(facts.error).toContain("took longer than 50 ms");
    expect(facts.markdown).toBe("");
  });
});
