import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { parsePageCss, styleOf } from "./css-hidden-rules.js";

function element(html: string): Element {
  const { document } = parseHTML(`<html><body>${html}</body></html>`) as unknown as { document: Document };
  return document.body.firstElementChild!;
}

describe("parsePageCss and styleOf", () => {
  it("merges simple class, id and inline declarations in cascade order", () => {
    const css = parsePageCss(".a{color:red;font-size:0} #x{color:blue} .b{opacity:0}");
    const style = styleOf(element('<p id="x" class="a b" style="opacity:1">t</p>'), css);
    expect(style.decls.get("color")).toBe("blue");
    expect(style.decls.get("font-size")).toBe("0");
    expect(style.decls.get("opacity")).toBe("1");
    expect(style.inline.get("opacity")).toBe("1");
  });

  it("lets the later of two class rules win, whatever the order of the class attribute", () => {
    const css = parsePageCss(".badge{color:#fff;background:#fff} .badge-primary{background:#007bff}");
    expect(styleOf(element('<span class="badge-primary badge">t</span>'), css).decls.get("background")).toBe(
      "#007bff",
    );
  });

  it("drops a box property that a state of the page changes", () => {
    const css = parsePageCss(
      ".tab-pane{display:none} .tab-pane.active{display:block} .pop{transform:scale(0)} .open .pop{transform:none} .sr{position:absolute;left:-9999px} .sr:focus{left:0}",
    );
    expect(styleOf(element('<div class="tab-pane">t</div>'), css).decls.has("display")).toBe(false);
    expect(styleOf(element('<div class="pop">t</div>'), css).decls.has("transform")).toBe(false);
    const sr = styleOf(element('<div class="sr">t</div>'), css).decls;
    expect(sr.get("position")).toBe("absolute");
    expect(sr.has("left")).toBe(false);
  });

  it("keeps a box property that other rules only repeat", () => {
    const css = parsePageCss(".gone{display:none} .menu .gone{display:none}");
    expect(styleOf(element('<p class="gone">t</p>'), css).decls.get("display")).toBe("none");
  });

  it("ignores rules inside @media for hiding and treats them as a state", () => {
    const css = parsePageCss(
      "@media (max-width: 600px){.m{display:none}} .d{display:none} @media print{.d{display:block}}",
    );
    expect(styleOf(element('<p class="m">t</p>'), css).decls.has("display")).toBe(false);
    expect(styleOf(element('<p class="d">t</p>'), css).decls.has("display")).toBe(false);
  });

  it("trusts a tag rule for paint only", () => {
    const css = parsePageCss("h1{text-indent:-9999px;color:#222} body{background:#fff}");
    const h1 = styleOf(element("<h1>t</h1>"), css).decls;
    expect(h1.get("color")).toBe("#222");
    expect(h1.has("text-indent")).toBe(false);
  });

  it("marks paint a compound rule or an attribute-only rule may change as unknown", () => {
    const css = parsePageCss(".card{color:#fff} .dark .card{color:#000} a:hover{background:#fff}");
    expect([...styleOf(element('<p class="card">t</p>'), css).unknown]).toEqual(["color"]);
    expect([...styleOf(element('<a href="/">t</a>'), css).unknown]).toEqual(["background"]);
    const themed = parsePageCss("[data-theme=dark]{color:#eee}");
    expect(styleOf(element("<p>t</p>"), themed).unknown.has("color")).toBe(true);
  });

  it("an inline declaration is known whatever the rules say", () => {
    const css = parsePageCss(".card:hover{color:#000}");
    expect(styleOf(element('<p class="card" style="color:#fff">t</p>'), css).unknown.has("color")).toBe(
      false,
    );
  });

  it("never counts generated content as the element's own paint", () => {
    const css = parsePageCss(".icon::before{color:transparent;font-size:0} p::selection{background:#000}");
    expect(styleOf(element('<p class="icon">t</p>'), css).unknown.size).toBe(0);
  });

  it("reads nested rules as states of their parent and keeps their declarations off it", () => {
    const css = parsePageCss(
      "#signup{display:flex; .note{display:none} h3{margin:0} opacity:1} .tab{display:none; &.active{display:block}}",
    );
    const signup = styleOf(element('<div id="signup">t</div>'), css).decls;
    expect(signup.get("display")).toBe("flex");
    expect(signup.get("opacity")).toBe("1");
    expect(signup.has("margin")).toBe(false);
    expect(styleOf(element('<div class="tab">t</div>'), css).decls.has("display")).toBe(false);
  });

  it("reads the rule after an @import", () => {
    const css = parsePageCss('@import url("x.css"); .gone{display:none}');
    expect(styleOf(element('<p class="gone">t</p>'), css).decls.get("display")).toBe("none");
  });
});
