import { describe, expect, it } from "vitest";
import { makeSnippet } from "./snippet.js";

const filler = (words: number, word = "lorem") => Array.from({ length: words }, () => word).join(" ");

/** The snippet without its "…" marks: what must be a verbatim part of the chunk. */
const body = (snippet: string) => snippet.replace(/^…/, "").replace(/…$/, "");

describe("makeSnippet", () => {
  it("keeps code, underscores and angle brackets exactly as the chunk has them", () => {
    const chunk = [
      "## Backoff",
      "",
      "Set `QUIVER_BACKOFF__DELAYMS` to the first delay.",
      "",
      "```rust",
      "let names: Vec<String> = Vec::new();",
      "let file_path = *config.path;",
      "```",
    ].join("\n");
    const snippet = makeSnippet(chunk, "what is the backoff delay");
    expect(snippet).toBe(chunk);
    expect(snippet).toContain("Vec<String>");
    expect(snippet).toContain("file_path");
    expect(snippet).toContain("QUIVER_BACKOFF__DELAYMS");
  });

  it("is a verbatim window of a long chunk around the query's terms, cut at white space", () => {
    const chunk = `${filler(80)} The \`retry_limit\` option caps attempts; use Vec<String> for names. ${filler(80, "ipsum")}`;
    const snippet = makeSnippet(chunk, "how do I cap retry attempts");
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    expect(chunk).toContain(body(snippet));
    expect(snippet).toContain("`retry_limit`");
    expect(snippet).toContain("Vec<String>");
    // Cut between words, never inside one.
    const at = chunk.indexOf(body(snippet));
    expect(chunk[at - 1]).toMatch(/\s/);
    expect(chunk[at + body(snippet).length]).toMatch(/\s/);
  });

  it("centres on the stretch with the most distinct query terms, not the first mention", () => {
    const chunk = `A timeout is mentioned here. ${filler(60)} Retry with a timeout: the backoff doubles each retry. ${filler(60)}`;
    const snippet = makeSnippet(chunk, "retry backoff timeout");
    expect(snippet).toContain("the backoff doubles each retry");
    expect(snippet).not.toContain("mentioned here");
  });

  it("starts at the beginning when no query term occurs", () => {
    const chunk = `First words here. ${filler(100)}`;
    const snippet = makeSnippet(chunk, "zebra");
    expect(snippet.startsWith("First words here.")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
  });
});
