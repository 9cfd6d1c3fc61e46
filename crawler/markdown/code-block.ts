/**
 * `<pre>` → fenced code block. Sphinx emits `<pre>` without `<code>`, Docusaurus emits one `<span>`
 * per line separated by `<br>`, Shiki one block per line: all become plain lines. The language
 * comes from the markup (see code-language.ts); line-number gutters are skipped.
 */
import { codeLanguage } from "./code-language.js";
import { shieldLongWhitespace } from "./long-whitespace.js";

const LINE_NUMBER_CLASS =
  /^(linenos|lineno|linenodiv|line-numbers-rows|hljs-ln-numbers|lnt|ln|gutter|line-number)$/;
const BLOCK_IN_PRE = new Set(["DIV", "P", "LI", "TR"]);

function isLineNumber(el: Element): boolean {
  return (el.getAttribute("class") ?? "").split(/\s+/).some((c) => LINE_NUMBER_CLASS.test(c));
}

/**
 * The text of a code block, with `<br>` and per-line blocks turned into newlines.
 *
 * @example codeText(<pre>a<br>b</pre>) // "a\nb"
 */
export function codeText(pre: Element): string {
  let out = "";
  const walk = (node: Node): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3 || child.nodeType === 4) {
        out += (child as Text).data;
      } else if (child.nodeType === 1) {
        const el = child as Element;
        const name = el.nodeName.toUpperCase();
        if (name === "BR") {
          out += "\n";
        } else if (name === "BUTTON" || isLineNumber(el)) {
          // Copy buttons and line numbers are not code.
        } else {
          walk(el);
          if (BLOCK_IN_PRE.has(name) && !out.endsWith("\n")) out += "\n";
        }
      }
    }
  };
  walk(pre);
  return out
    .replace(/\u00A0/g, " ")
    .replace(/^\n+/, "")
    .trimEnd();
}

/**
 * A fenced block whose fence is longer than any backtick run in the code.
 *
 * @example fence("x = 1", "python") // "```python\nx = 1\n```"
 */
export function fence(code: string, language: string): string {
  const marks = "`".repeat(Math.max(3, longestBacktickRun(code) + 1));
  return `${marks}${language}\n${code}\n${marks}`;
}

/**
 * Length of the longest run of backticks in `text` (a loop: spreading every run into Math.max
 * overflows the call stack on a page with 100k of them).
 *
 * @example longestBacktickRun("a ``b`` c") // 2
 */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text.charCodeAt(i) === 96 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * The markdown of a `<pre>` element.
 *
 * @example codeBlockMarkdown(<pre class="language-js"><code>x()</code></pre>) // "```js\nx()\n```"
 */
export function codeBlockMarkdown(pre: Element): string {
  const code = codeText(pre);
  return code ? fence(shieldLongWhitespace(code), codeLanguage(pre)) : "";
}
