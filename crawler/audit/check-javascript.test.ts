import { describe, expect, it } from "vitest";
import { createJavascriptCheck } from "./check-javascript.js";
import type { PageFacts } from "./page-facts.js";

const ORIGIN = "http://127.0.0.1:9";

function facts(path: string, o: { chars: number; scripted: boolean; jsRequired?: string }): PageFacts {
  const url = `${ORIGIN}${path}`;
  return {
    url,
    finalUrl: url,
    status: 200,
    ms: 1,
    bytes: 1000,
    contentType: "text/html",
    html: "<html></html>",
    title: path,
    description: "",
    lang: "en",
    jsonLdTypes: [],
    markdown: "x".repeat(o.chars),
    textChars: o.chars,
    htmlTokens: 100,
    markdownTokens: 10,
    links: [],
    headingLevels: [1],
    h1: 1,
    hasMainLandmark: true,
    images: 0,
    imagesWithoutAlt: [],
    scripted: o.scripted,
    ...(o.jsRequired ? { jsRequired: o.jsRequired } : {}),
  };
}

/** A renderer that answers with a page of `chars(url)` characters and records what it was asked. */
function fakeRenderer(chars: (url: string) => number) {
  const calls: string[] = [];
  return {
    calls,
    render: async (url: string) => {
      calls.push(new URL(url).pathname);
      return `<!doctype html><html><body><main><p>${"word ".repeat(Math.ceil(chars(url) / 5))}</p></main></body></html>`;
    },
  };
}

describe("createJavascriptCheck: which pages are rendered", () => {
  const shell = (n: number) =>
    facts(`/app-${n}.html`, { chars: 0, scripted: true, jsRequired: "empty #root" });
  const widget = (n: number) => facts(`/widget-${n}.html`, { chars: 2000, scripted: true });
  const still = (n: number) => facts(`/still-${n}.html`, { chars: n % 2 ? 100 : 2000, scripted: false });

  it("renders script-built pages as they are sampled, a sample of the others, and never a page that runs nothing", async () => {
    const r = fakeRenderer((url) => (url.includes("/app-") ? 3000 : 2000));
    const check = createJavascriptCheck({ render: r.render, maxRenders: 10, concurrency: 2 });
    const pages = [
      still(1),
      shell(1),
      still(2),
      widget(1),
      widget(2),
      widget(3),
      widget(4),
      shell(2),
      still(3),
    ];
    for (const p of pages) check.offer(p);
    // The shells are being rendered before the sample is complete.
    expect(r.calls).toEqual(["/app-1.html", "/app-2.html"]);
    const out = await check.finish(pages);
    expect(r.calls.sort()).toEqual(["/app-1.html", "/app-2.html", "/widget-1.html", "/widget-3.html"]);
    expect(out.rendered.size).toBe(4);
    expect(out.findings.map((f) => f.code)).toEqual(["js-only-content"]);
    expect(out.findings[0]!.evidence.map((e) => new URL(e.url).pathname)).toEqual([
      "/app-1.html",
      "/app-2.html",
    ]);
    // A page where nothing runs has the same text with JavaScript: its share missing is known (0).
    expect(out.textWithJs.get(`${ORIGIN}/still-1.html`)).toBe(100);
    expect(out.notes.join("\n")).toMatch(/3 of 9 sampled pages run no script/);
  });

  it("renders the other scripted pages, up to the cap, when the sample shows text added by JavaScript", async () => {
    const r = fakeRenderer((url) => (url.includes("/widget-5") ? 6000 : 2000));
    const pages = [shell(1), ...Array.from({ length: 8 }, (_, i) => widget(i + 1))];
    const out = await createJavascriptCheck({ render: r.render, maxRenders: 6 }).finish(pages);
    expect(r.calls).toHaveLength(6);
    expect(r.calls.slice(0, 3)).toEqual(["/app-1.html", "/widget-1.html", "/widget-5.html"]);
    expect(r.calls.slice(3).sort()).toEqual(["/widget-2.html", "/widget-3.html", "/widget-4.html"]);
    expect(out.rendered.size).toBe(6);
    expect(out.findings[0]!.evidence.map((e) => new URL(e.url).pathname)).toEqual([
      "/app-1.html",
      "/widget-5.html",
    ]);
  });

  it("without a renderer judges scripted pages by the extractor's signal and pages that run nothing as they are", async () => {
    const quiet = facts("/quiet.html", { chars: 0, scripted: false, jsRequired: "empty #root" });
    const out = await createJavascriptCheck({ maxRenders: 10 }).finish([shell(1), quiet]);
    expect(out.rendered.size).toBe(0);
    expect(out.findings[0]!.evidence.map((e) => new URL(e.url).pathname)).toEqual(["/app-1.html"]);
  });
});
