import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Chunk } from "../../schemas/chunk.js";
import { ContextRequest } from "../../schemas/context.js";
import type { Page } from "../../schemas/page.js";
import { countTokens } from "../../schemas/tokens.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { openStore, type Store } from "../store/store.js";
import { buildPack } from "./build-pack.js";

const url = "https://x.dev/docs/jobs.html";
const page: Page = {
  url,
  finalUrl: url,
  site: "s",
  title: "Jobs",
  description: "",
  lang: "en",
  markdown: "# Jobs",
  links: [],
  headings: [],
  contentHash: "h",
  fetchedVia: "http",
  tokens: { html: 10, markdown: 2 },
  removed: [],
  fetchedAt: "2026-01-01T00:00:00.000Z",
};
const chunk = (ordinal: number, anchor: string, heading: string, text: string): Chunk => ({
  id: `${url}#${ordinal}`,
  url,
  site: "s",
  title: "Jobs",
  ordinal,
  headingPath: ["Jobs", heading],
  anchor,
  text: `## ${heading}\n\n${text}`,
  tokens: countTokens(text),
});
const filler = (n: number) => Array.from({ length: n }, (_, i) => `Queues hold work item ${i}.`).join(" ");

describe("buildPack", () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(async () => {
    tmp = tempDir();
    store = await openStore({ dir: tmp.path, dims: 8, readConsistencySec: 0 });
    await store.replacePage(page, [
      chunk(0, "intro", "Introduction", `${filler(20)} Workers run jobs.`),
      chunk(1, "backoff", "Backoff", "A failed job is retried with exponential backoff; the delay doubles."),
      chunk(2, "backoff", "Backoff", "The backoff delay starts at QUIVER_BACKOFF__DELAYMS milliseconds."),
      chunk(
        3,
        "backoff-copy",
        "Backoff",
        "A failed job is retried with exponential backoff; the delay doubles.",
      ),
    ]);
    await store.buildTextIndex();
  });
  afterEach(() => {
    store.close();
    tmp.remove();
  });
  const pack = (q: string, maxTokens: number, window = 0) =>
    buildPack({ store, embedder: undefined }, ContextRequest.parse({ q, maxTokens }), "text", {
      window,
      wholeFirst: 0,
    });

  it("opens with the most relevant passage, its heading said once, no text twice", async () => {
    const { parts, totalTokens } = await pack("backoff delay retried", 4000);
    expect(parts[0]!.citation).toBe(`${url}#backoff`);
    expect(parts[0]!.text.match(/## Backoff/g)).toHaveLength(1);
    expect(parts[0]!.text).toContain("QUIVER_BACKOFF__DELAYMS");
    const texts = parts.map((p) => p.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.join("\n").match(/the delay doubles/g)).toHaveLength(1);
    expect(totalTokens).toBe(parts.reduce((n, p) => n + countTokens(p.text), 0));
  });

  it("cuts a long chunk to a window around the query's terms, heading kept, within budget", async () => {
    const { parts, totalTokens } = await pack("which workers run jobs", 4000, 40);
    const intro = parts.find((p) => p.citation.endsWith("#intro"))!;
    expect(intro.text.startsWith("## Introduction\n\n… ")).toBe(true);
    expect(intro.text).toContain("Workers run jobs.");
    expect(intro.text).not.toContain("work item 0.");
    expect(totalTokens).toBeLessThanOrEqual(4000);
  });

  it("answers a budget smaller than the best chunk with its passage around the query", async () => {
    const { parts, totalTokens } = await pack("workers run jobs", 30);
    expect(totalTokens).toBeLessThanOrEqual(30);
    expect(parts[0]!.text).toContain("Workers run jobs.");
  });
});
