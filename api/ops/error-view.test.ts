import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ContextRequest } from "../../schemas/context.js";
import { AgentwebError } from "../../schemas/errors.js";
import { SearchRequest } from "../../schemas/search.js";
import { parseInput, toErrorView } from "./error-view.js";

const refused = (schema: z.ZodType, value: unknown) => {
  try {
    parseInput(schema, value);
  } catch (err) {
    return err;
  }
  throw new Error("expected the input to be refused");
};

describe("toErrorView", () => {
  it.each([
    [SearchRequest, { q: "x", mode: "fuzzy" }, 'mode must be one of text, vector, hybrid (got "fuzzy")'],
    [SearchRequest, { q: "x", k: "0" }, "k must be at least 1 (got 0)"],
    [SearchRequest, { q: "x", k: 101 }, "k must be at most 100 (got 101)"],
    [SearchRequest, { q: "x", k: "2.5" }, "k must be a whole number (got 2.5)"],
    [SearchRequest, { q: "x", k: "lots" }, "k must be a number"],
    [SearchRequest, { q: "  " }, "q must not be empty"],
    [SearchRequest, {}, "q is required"],
    [SearchRequest, { q: "x", path: "docs" }, 'path must start with "/" (got "docs")'],
    [ContextRequest, { q: "x", maxTokens: "5" }, "maxTokens must be at least 16 (got 5)"],
  ])("words a schema issue on one line, naming the field: %#", (schema, input, message) => {
    const view = toErrorView(refused(schema, input));
    expect(view).toMatchObject({ code: "INVALID_INPUT", status: 400, message });
    expect(view.message).not.toMatch(/[\n{]/);
  });

  it("names fields the way the adapter does, and lists every issue", () => {
    const err = refused(ContextRequest, { q: "x", maxTokens: "5", mode: "fuzzy" });
    const flag = (p: readonly PropertyKey[]) => (p[0] === "maxTokens" ? "--max-tokens" : `--${String(p[0])}`);
    const view = toErrorView(err, { field: flag });
    expect(view.message).toBe(
      '--max-tokens must be at least 16 (got 5); --mode must be one of text, vector, hybrid (got "fuzzy")',
    );
    expect(view.issues?.map((i) => i.field)).toEqual(["--max-tokens", "--mode"]);
  });

  it("quotes a value from the raw input when the issue does not carry it", () => {
    const err = SearchRequest.safeParse({ q: "x", k: 0 }).error;
    expect(toErrorView(err).message).toBe("k must be at least 1");
    expect(toErrorView(err, { input: { k: 0 } }).message).toBe("k must be at least 1 (got 0)");
  });

  it("keeps an agentweb error's code and message; hides anything else", () => {
    expect(toErrorView(new AgentwebError("NOT_FOUND", "no page\nfor x"))).toEqual({
      code: "NOT_FOUND",
      status: 404,
      message: "no page for x",
    });
    expect(toErrorView(new TypeError("secret internals at /srv/x.js"))).toEqual({
      code: "INTERNAL",
      status: 500,
      message: "internal error",
    });
  });

  it("words a schema's own message after the field's name", () => {
    const schema = z.object({ header: z.string().regex(/:/, "a header is 'Name: value'") });
    expect(toErrorView(refused(schema, { header: "x" })).message).toBe(
      `header: a header is 'Name: value' (got "x")`,
    );
  });
});
