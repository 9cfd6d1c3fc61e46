import { describe, expect, it } from "vitest";
import { identifierVariants, withIdentifierVariants } from "./identifier-variants.js";

describe("identifierVariants", () => {
  it("joins snake_case, dotted and :: identifiers into one token", () => {
    expect(identifierVariants("see pg_stat_activity and a.b.c or std::vector")).toBe(
      "pgstatactivity abc stdvector",
    );
  });

  it("splits camelCase and long PascalCase into words", () => {
    expect(identifierVariants("maxWalSenders parseHTTPRequest SnapshotTooOld")).toBe(
      "max wal senders parse http request snapshot too old",
    );
  });

  it("leaves prose alone: product names, hyphenated words, versions, sentence joins", () => {
    expect(identifierVariants("PostgreSQL 15.4 is a well-known system. End.Next")).toBe("");
  });

  it("appends the variants on a line of their own, or returns the text unchanged", () => {
    expect(withIdentifierVariants("uses max_connections")).toBe("uses max_connections\nmaxconnections");
    expect(withIdentifierVariants("plain words")).toBe("plain words");
  });
});
