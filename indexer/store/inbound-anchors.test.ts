import { describe, expect, it } from "vitest";
import { boostByInbound, collectInbound } from "./inbound-anchors.js";
import type { StoredChunk } from "./store.js";

const hit = (url: string, score: number): StoredChunk => ({
  id: url,
  url,
  site: "s",
  path: new URL(url).pathname,
  title: "",
  ordinal: 0,
  headingPath: [],
  anchor: "",
  text: "",
  tokens: 1,
  embedded: false,
  score,
});
const link = (url: string, text: string) => ({ url, text, region: "main" as const });

describe("inbound anchor text", () => {
  const inbound = collectInbound([
    {
      url: "https://d.dev/tutorial.html",
      links: [
        link("https://d.dev/json.html#json.dumps", "serialize objects to JSON"),
        link("https://d.dev/tutorial.html#top", "serialize everything"),
      ],
    },
    { url: "https://d.dev/json.html", links: [link("https://d.dev/json.html#dumps", "dumps")] },
  ]);

  it("collects what other pages call a page, fragments dropped, self-links ignored", () => {
    expect([...inbound.keys()]).toEqual(["https://d.dev/json.html"]);
    expect(inbound.get("https://d.dev/json.html")!.map((t) => [...t])).toEqual([["seria", "objec", "json"]]);
  });

  it("counts only the link regions asked for", () => {
    const pages = [
      {
        url: "https://d.dev/a.html",
        links: [{ url: "https://d.dev/b.html", text: "bee", region: "nav" as const }],
      },
    ];
    expect(collectInbound(pages).size).toBe(1);
    expect(collectInbound(pages, ["main"]).size).toBe(0);
  });

  it("raises the pages whose inbound link text names the question", () => {
    const hits = [hit("https://d.dev/pickle.html", 10), hit("https://d.dev/json.html", 8)];
    const boosted = boostByInbound(hits, "how to serialize objects", inbound, 0.5);
    expect(boosted.map((h) => h.url)).toEqual(["https://d.dev/json.html", "https://d.dev/pickle.html"]);
    expect(boosted[0]!.score).toBeCloseTo(8 * 1.5);
    expect(boostByInbound(hits, "how to serialize objects", inbound, 0)).toBe(hits);
  });
});
