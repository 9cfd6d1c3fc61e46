import { describe, expect, it } from "vitest";
import { hiddenByInlineStyle, hiddenByStyle, parseInlineStyle } from "./inline-style.js";

describe("parseInlineStyle", () => {
  it("lower-cases names and values and drops !important", () => {
    expect(parseInlineStyle("Display: NONE !important; color:Red")).toEqual(
      new Map([
        ["display", "none"],
        ["color", "red"],
      ]),
    );
  });
});

describe("hiddenByInlineStyle", () => {
  it.each([
    ["display:none", "hidden:display-none"],
    ["visibility:collapse", "hidden:visibility-hidden"],
    ["opacity:0", "hidden:opacity-zero"],
    ["opacity: 0.01", "hidden:opacity-zero"],
    ["opacity: 0%", "hidden:opacity-zero"],
    ["width:0;height:0;overflow:hidden", "hidden:zero-size"],
    ["width:1px;height:1px;overflow:hidden", "hidden:zero-size"],
    ["max-height:0%;overflow:clip", "hidden:zero-size"],
    ["position:absolute;left:-9999px", "hidden:off-screen"],
    ["position:relative;top:-10000px", "hidden:off-screen"],
    ["position:fixed;bottom:-200em", "hidden:off-screen"],
    ["text-indent:-9999px", "hidden:off-screen"],
    ["margin-left:-10000px", "hidden:off-screen"],
    ["transform:translateX(-9999px)", "hidden:off-screen"],
    ["translate:-5000px 0", "hidden:off-screen"],
    ["position:absolute;clip:rect(0 0 0 0)", "hidden:clipped"],
    ["position:absolute;clip:rect(0, 0, 0, 0)", "hidden:clipped"],
    ["position:absolute;clip:rect(1px, 1px, 1px, 1px)", "hidden:clipped"],
    ["position:fixed;clip:rect(5px auto 5px auto)", "hidden:clipped"],
    ["clip-path:inset(50%)", "hidden:clipped"],
    ["clip-path:inset(0 50% 0 50%)", "hidden:clipped"],
    ["clip-path:inset(100% round 4px)", "hidden:clipped"],
    ["-webkit-clip-path:circle(0)", "hidden:clipped"],
    ["clip-path:circle(0px at 50% 50%)", "hidden:clipped"],
    ["clip-path:ellipse(0 10px)", "hidden:clipped"],
    ["clip-path:polygon(0 0, 0 0, 0 0)", "hidden:clipped"],
    ["clip-path:xywh(0 0 0 0)", "hidden:clipped"],
    ["transform:scale(0)", "hidden:scaled-to-zero"],
    ["transform:scale(1, 0)", "hidden:scaled-to-zero"],
    ["transform:rotate(5deg) scaleY(0)", "hidden:scaled-to-zero"],
    ["transform:scale3d(0, 0, 1)", "hidden:scaled-to-zero"],
    ["transform:matrix(0, 0, 0, 0, 0, 0)", "hidden:scaled-to-zero"],
    ["scale:0", "hidden:scaled-to-zero"],
  ])("%s → %s", (style, reason) => expect(hiddenByInlineStyle(style)).toBe(reason));

  it.each([
    "display:block",
    "opacity:0.5",
    "width:0",
    "width:2px;height:2px;overflow:hidden",
    "left:-9999px",
    "position:absolute;left:-10px",
    "text-indent:-2em",
    "transform:translateX(-50%)",
    "transform:scale(1.05)",
    "transform:matrix(1, 0, 0, 1, 10, 10)",
    "clip:rect(0 0 0 0)",
    "position:absolute;clip:auto",
    "position:absolute;clip:rect(0 100px 20px 0)",
    "clip-path:inset(10%)",
    "clip-path:inset(10px)",
    "clip-path:circle(50%)",
    "clip-path:polygon(0 0, 100% 0, 50% 100%)",
    "clip-path:url(#mask)",
    "font-size:0",
    "color:transparent",
  ])("%s hides no box", (style) => expect(hiddenByInlineStyle(style)).toBeUndefined());

  it("counts an animated transparent box as an entrance's first frame unless the inline opacity is 0", () => {
    expect(hiddenByInlineStyle("opacity:0.001;will-change:transform")).toBeUndefined();
    expect(hiddenByInlineStyle("opacity:0.001")).toBe("hidden:opacity-zero");
    expect(
      hiddenByInlineStyle("display:inline-block;opacity:0.001;transform:translateY(16px)"),
    ).toBeUndefined();
    expect(hiddenByInlineStyle("opacity:0;transition:opacity 1s")).toBe("hidden:opacity-zero");
    expect(hiddenByStyle(parseInlineStyle("opacity:0;animation-duration:1s"), "rules")).toBeUndefined();
    expect(hiddenByStyle(parseInlineStyle("opacity:0"), "rules")).toBe("hidden:opacity-zero");
  });
});
