/**
 * The language of a code block, read from the markup conventions of the common highlighters:
 * `language-x` / `lang-x` (Prism, highlight.js, Docusaurus), `highlight-x` on an ancestor div
 * (Sphinx/Pygments), `brush: x` (SyntaxHighlighter), `data-lang` / `data-language` (Hugo, Shiki),
 * `sourceCode x` (Pandoc).
 */

/** Class names that say "no language" rather than naming one. */
const NOT_A_LANGUAGE = new Set([
  "default",
  "none",
  "nohighlight",
  "no-highlight",
  "plain",
  "source",
  "notranslate",
]);

function clean(lang: string | undefined | null): string | undefined {
  if (!lang) return undefined;
  const l = lang
    .trim()
    .toLowerCase()
    .replace(/[^\w+#.-]/g, "");
  return l && !NOT_A_LANGUAGE.has(l) ? l : undefined;
}

function fromElement(el: Element): string | undefined {
  const data = clean(el.getAttribute("data-lang")) ?? clean(el.getAttribute("data-language"));
  if (data) return data;
  const cls = el.getAttribute("class") ?? "";
  const brush = /brush:\s*([\w+#-]+)/i.exec(cls);
  if (brush) return clean(brush[1]);
  const tokens = cls.split(/\s+/).filter(Boolean);
  for (const t of tokens) {
    const m = /^(?:language|lang|highlight(?:-source|-text)?)-(.+)$/i.exec(t);
    if (m) {
      const lang = clean(m[1]);
      if (lang) return lang;
    }
  }
  if (tokens.includes("sourceCode")) return clean(tokens.find((t) => t !== "sourceCode"));
  return undefined;
}

/**
 * The language of a `<pre>` block (its `<code>` child first, then the pre, then up to three
 * ancestors), or "" when the markup names none.
 *
 * @example codeLanguage(preElement) // "python" for <div class="highlight-python"><pre>…</pre></div>
 */
export function codeLanguage(pre: Element): string {
  const annotated = pre.getAttribute("data-aw-lang");
  if (annotated !== null) return annotated;
  const code = pre.querySelector("code");
  const fromCode = code ? fromElement(code) : undefined;
  if (fromCode) return fromCode;
  let cur: Element | null = pre;
  for (let depth = 0; cur && depth < 4; depth++, cur = cur.parentElement) {
    const lang = fromElement(cur);
    if (lang) return lang;
  }
  return "";
}
