import { describe, expect, it } from "vitest";
import { backgroundColorOf, contrast, over, parseColor } from "./css-color.js";

const WHITE = { r: 255, g: 255, b: 255, a: 1 };

describe("parseColor", () => {
  it.each([
    ["white", WHITE],
    ["#fff", WHITE],
    ["#ffffffff", WHITE],
    ["rgb(255, 255, 255)", WHITE],
    ["rgb(100% 100% 100%)", WHITE],
    ["hsl(0, 0%, 100%)", WHITE],
    ["hsl(0deg 0% 100% / 1)", WHITE],
  ])("reads %s", (value, expected) => {
    const c = parseColor(value)!;
    for (const k of ["r", "g", "b", "a"] as const) expect(c[k]).toBeCloseTo(expected[k], 5);
  });

  it.each([
    "transparent",
    "rgba(0, 0, 0, 0)",
    "rgb(0 0 0 / 0%)",
    "hsla(120, 50%, 50%, 0)",
    "#0000",
    "#12345600",
  ])("reads %s as fully transparent", (value) => expect(parseColor(value)?.a).toBe(0));

  it.each(["var(--fg)", "currentcolor", "oklch(0.5 0.1 20)", "rgb(1, 2)", "#ggg", "notacolor"])(
    "leaves %s unresolved",
    (value) => expect(parseColor(value)).toBeUndefined(),
  );
});

describe("backgroundColorOf", () => {
  it("finds the colour inside a shorthand", () => {
    expect(backgroundColorOf("snow none repeat")).toMatchObject({ r: 255, g: 250, b: 250 });
    expect(backgroundColorOf("0 0 / cover rgb(1, 2, 3)")).toMatchObject({ r: 1, g: 2, b: 3 });
  });

  it("calls an image, a gradient or a variable unknown", () => {
    expect(backgroundColorOf("#fff url(hero.jpg) no-repeat")).toBe("unknown");
    expect(backgroundColorOf("linear-gradient(#fff, #000)")).toBe("unknown");
    expect(backgroundColorOf("var(--white)")).toBe("unknown");
  });

  it("says when no colour is painted", () => {
    expect(backgroundColorOf("no-repeat left top")).toBeUndefined();
  });
});

describe("contrast and compositing", () => {
  it("rates identical colours 1 and black on white 21", () => {
    expect(contrast(WHITE, WHITE)).toBe(1);
    expect(contrast({ r: 0, g: 0, b: 0, a: 1 }, WHITE)).toBeCloseTo(21, 5);
  });

  it("paints a translucent colour over what is behind it", () => {
    expect(over({ r: 0, g: 0, b: 0, a: 0.5 }, WHITE)).toMatchObject({ r: 127.5, a: 1 });
  });
});
