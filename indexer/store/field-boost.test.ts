import { describe, expect, it } from "vitest";
import { seededRandom } from "../../test/helpers/seeded-random.js";
import { stemTerms, termsFoundIn } from "./field-boost.js";

const PIECES = [
  "Read",
  "the",
  "fílé",
  "line",
  "by",
  "LINE",
  "_x",
  "ÜBER",
  "日本語",
  "𝒳y",
  "42",
  "a",
  "ß",
  " ",
  "\n",
  "-",
  "é",
];

describe("termsFoundIn", () => {
  it("finds exactly the wanted terms stemTerms would give, on random text with non-ASCII letters", () => {
    const random = seededRandom(7);
    for (let n = 0; n < 500; n++) {
      const pick = () => PIECES[Math.floor(random() * PIECES.length)]!;
      const text = Array.from({ length: 1 + Math.floor(random() * 30) }, pick).join(
        random() < 0.5 ? " " : "",
      );
      const wanted = new Set(stemTerms(Array.from({ length: 4 }, pick).join(" ")));
      const expected = new Set(stemTerms(text).filter((t) => wanted.has(t)));
      expect(termsFoundIn([text], wanted, new Set())).toEqual(expected);
    }
  });
});
