import { describe, expect, it } from "vitest";
import { page, prose } from "../../test/helpers/chunk-inputs.js";
import { chunkMarkdown } from "./chunk-markdown.js";

/** Bounded work on very large or pathological documents. */
describe("chunkMarkdown: large input", () => {
  it("copes with a 10 MB single line and with a long run the tokenizer is slow on", () => {
    const line = "lorem ipsum dolor sit amet ".repeat(400_000);
    let started = performance.now();
    const chunks = chunkMarkdown(page(line), { targetTokens: 512 });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(chunks.length).toBeGreaterThan(1000);
    for (const chunk of chunks.slice(0, 50)) expect(chunk.tokens).toBeLessThanOrEqual(1024);

    started = performance.now();
    const run = chunkMarkdown(page(`## Blob\n\n${"a".repeat(200_000)}`), { targetTokens: 256 });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(
      run
        .map((c) => c.text.replace("## Blob\n\n", ""))
        .join("")
        .replace(/\n/g, ""),
    ).toBe("a".repeat(200_000));
    for (const chunk of run) expect(chunk.tokens).toBeLessThanOrEqual(512);
  });

  it("chunks a 1 MB document in well under a second (asserted < 3 s)", () => {
    const sections: string[] = [];
    let i = 0;
    while (sections.join("\n\n").length < 1_000_000) {
      sections.push(
        `## Section ${i}`,
        prose(8, i),
        "```js\n// comment\n\nconst x = 1;\n```",
        "| a | b |\n| - | - |\n| 1 | 2 |",
        `- item ${i}\n- item ${i + 1}`,
        prose(15, i + 1),
      );
      i++;
    }
    const md = sections.join("\n\n");
    const started = performance.now();
    const chunks = chunkMarkdown(page(md), { targetTokens: 256 });
    const elapsed = performance.now() - started;
    expect(chunks.length).toBeGreaterThan(1000);
    expect(elapsed).toBeLessThan(3000);
  });
});
