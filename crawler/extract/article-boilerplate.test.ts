import { describe, expect, it } from "vitest";
import { extractPage } from "./extract-page.js";

const story = [
  "The city council voted on Tuesday to expand the bus network into three new districts next spring.",
  "Officials said the plan would add forty buses and cut average waiting times by a third for riders.",
  "Residents who spoke at the meeting welcomed the change but asked for more night services downtown.",
  "The first new routes are expected to open in March, with the rest following before the summer.",
]
  .map((s) => `<p>${s} ${s}</p>`)
  .join("\n");

function article(extra: string): string {
  return `<!doctype html><html lang="en"><head><title>Council expands bus network</title></head><body>
<div class="print-header">https://news.example.test/bus-network Council expands bus network</div>
<div class="story"><h1>Council expands bus network</h1>${story}${extra}</div></body></html>`;
}

describe("article boilerplate", () => {
  it("drops the author box, related-story lists and print-only copies of the headline", () => {
    const page = extractPage(
      article(`<div class="author-bio"><p>Jane Roe covers transport and city hall for the paper. She joined in 2015 after a decade at regional dailies.</p></div>
<div class="related-stories"><h3>More on transport</h3><ul><li><a href="/a">Tram line delayed again as costs rise sharply</a></li><li><a href="/b">Cycle lanes planned for the old harbour road</a></li></ul></div>`),
      "https://news.example.test/bus-network",
    );
    expect(page.text).toContain("forty buses");
    expect(page.text).not.toMatch(/Jane Roe|Tram line|More on transport|https:\/\/news/);
    const reasons = page.removed.map((r) => r.reason);
    expect(reasons).toEqual(expect.arrayContaining(["noise:print-only", "boilerplate:author-bio"]));
  });
});
