import { describe, expect, it } from "vitest";
import { markdownToMainText, markdownToPlainText } from "./plain-text.js";

describe("markdownToPlainText", () => {
  it("drops emphasis delimiters, keeping escaped and in-word underscores", () => {
    expect(markdownToPlainText("(_Reuters_) said **this** and ~~that~~ of snake_case and \\_x")).toBe(
      "(Reuters) said this and that of snake_case and _x",
    );
  });

  it("leaves code spans and fenced code as they are", () => {
    expect(markdownToPlainText("Call `__init__(**kw)`.\n\n```py\ndef _f(**kw): ...\n```")).toBe(
      "Call __init__(**kw).\n\ndef _f(**kw): ...",
    );
  });
});

describe("markdownToMainText", () => {
  it("drops the title heading and images", () => {
    expect(markdownToMainText("# Title\n\n![logo](https://x.test/l.png)\n\n_Body_.")).toBe("Body.");
  });
});

describe("escaped brackets", () => {
  it("strips links and images whose text holds escaped brackets", () => {
    expect(markdownToPlainText("[a \\[b\\] c](https://x.test/) d")).toBe("a [b] c d");
    expect(markdownToMainText("![x \\[File: AP\\]](https://x.test/i.jpg)\n\nBody.")).toBe("Body.");
  });
});
