import { describe, expect, it } from "vitest";
import { extractPage } from "./extract-page.js";

const courses = [
  "Data Engineering",
  "Product Leadership",
  "Applied Robotics",
  "Clean Energy Systems",
  "Supply Chains",
  "Machine Vision",
];

/** A catalogue card: a linked title and a one-sentence summary, as course and shop grids build them. */
const card = (name: string): string =>
  `<div class="card-item"><a href="/programs/${name.toLowerCase().replace(/ /g, "-")}"><h3>${name} Certificate</h3>
<p>Learn ${name.toLowerCase()} from practising engineers over twelve weeks of projects, reviews and live sessions.</p></a></div>`;

/** A catalogue page: a short introduction, then a grid of cards Readability scores as too link-heavy. */
const catalogue = `<!DOCTYPE html><html><head><title>Certificate programs</title></head><body>
<header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<main><div class="intro"><h1>Certificate programs</h1>
<p>Our certificate programs combine research with practice. Delivered online or live, they help you deepen your expertise and move your career forward with a recognised credential.</p></div>
<div class="grid">${courses.map(card).join("\n")}</div></main>
<footer><p>Copyright Example University</p></footer></body></html>`;

const story = Array.from(
  { length: 8 },
  (_, i) =>
    `<p>Paragraph ${i + 1} of the story explains how the harbour town rebuilt its sea wall after the winter storms, who paid for it, and what the fishermen think of the new breakwater that now shelters their boats.</p>`,
).join("\n");

/** A news story followed by a strip of four short teasers: the teasers stay out. */
const articleWithTeasers = `<!DOCTYPE html><html><head><title>The harbour rebuilt</title></head><body>
<article><h1>The harbour rebuilt</h1>${story}</article>
<aside><div class="teaser"><a href="/a">Storm season ahead for the coast towns</a></div>
<div class="teaser"><a href="/b">Fish prices climb after a slow month at sea</a></div>
<div class="teaser"><a href="/c">The ferry timetable changes again this spring</a></div>
<div class="teaser"><a href="/d">A new lighthouse keeper arrives on the island</a></div></aside>
</body></html>`;

/** A story whose readers' comments outweigh it: the comments never replace or join the story. */
const comment = (i: number): string =>
  `<li class="comment"><a href="/user/${i}">reader${i}</a><p>I have lived by that harbour for years and the new breakwater changed everything for the boats, though the old quay still floods at spring tide. ${"More thoughts on the wall and the money spent on it. ".repeat(3)}</p></li>`;
const articleWithComments = `<!DOCTYPE html><html><head><title>The harbour rebuilt</title></head><body>
<div class="page"><article><h1>The harbour rebuilt</h1>${story.slice(0, 800)}</article>
<ul class="comment-list">${Array.from({ length: 8 }, (_, i) => comment(i)).join("\n")}</ul></div>
</body></html>`;

/** A news index: a run of linked story cards is the whole content, not boilerplate to prune. */
const storyCard = (i: number): string =>
  `<div class="story-card"><a href="/news/story-${i}">Council story ${i}: the budget vote</a><div class="blurb"><a href="/news/story-${i}">Councillors met on Tuesday night to argue over item ${i} of the town budget.</a></div></div>`;
const newsIndex = `<!DOCTYPE html><html><head><title>Local news</title></head><body>
<main><h1>Local news</h1><div class="stories">${Array.from({ length: 10 }, (_, i) => storyCard(i)).join("\n")}</div></main>
</body></html>`;

describe("repeated items (listing pages)", () => {
  it("keeps every card of a catalogue grid with its introduction", () => {
    const page = extractPage(catalogue, "https://example.edu/programs");
    for (const name of courses) expect(page.text).toContain(`${name} Certificate`);
    expect(page.text).toContain("combine research with practice");
    expect(page.text).not.toContain("Copyright");
    expect(page.removed.some((r) => r.reason === "widened:repeated-items")).toBe(true);
  });

  it("leaves an article alone when a short teaser strip sits beside it", () => {
    const page = extractPage(articleWithTeasers, "https://example.com/news/harbour");
    expect(page.text).toContain("Paragraph 8 of the story");
    expect(page.text).not.toContain("Storm season ahead");
    expect(page.removed.some((r) => r.reason === "widened:repeated-items")).toBe(false);
  });

  it("never widens a story to the comments under it", () => {
    const page = extractPage(articleWithComments, "https://example.com/news/harbour");
    expect(page.text).toContain("Paragraph 1 of the story");
    expect(page.text).not.toContain("reader3");
    expect(page.removed.some((r) => r.reason === "widened:repeated-items")).toBe(false);
  });

  it("keeps the linked cards of a news index rather than pruning them as link blocks", () => {
    const page = extractPage(newsIndex, "https://example.com/news");
    for (const i of [0, 4, 9]) expect(page.text).toContain(`Council story ${i}`);
  });
});
