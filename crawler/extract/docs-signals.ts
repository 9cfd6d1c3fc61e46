/**
 * Is this page documentation or an article? The two want different main-content choices:
 * Readability is right on news pages (the declared `<main>`/`<article>` there is full of teasers,
 * comments and related links) and wrong on docs (it drops reference tables, code, index lists).
 * Trusting the declared region whenever Readability keeps much less of it loses news pages, which
 * have no code block or definition list: those signals tell the two apart.
 */
import { tagOf, textOf } from "./dom-utils.js";

const CODE = "code, kbd, var, samp, tt";
/** A definition list shorter than this is a teaser or a gallery item, not a docs structure. */
const MIN_DL_CHARS = 200;

/** Generators of documentation sites (`<meta name="generator">`). */
const DOCS_GENERATOR =
  /sphinx|docusaurus|mkdocs|docbook|vitepress|vuepress|gitbook|mintlify|starlight|docfx|javadoc|doxygen|rustdoc|typedoc|nextra|antora|jsdoc|pdoc|hugo-book|docsy|retype|readme\.io|redoc|slate/i;

/** Containers that carry documentation theme classes. */
const DOCS_CLASS =
  /(^|[-_ ])(docs?|documentation|api-?reference|rst-content|md-content|theme-doc|sphinx|devsite)([-_ ]|$)/i;

/**
 * True when the signals say documentation: a docs generator or theme, two or more code blocks /
 * definition lists / header tables, or one of those with API names in the prose. A single `<pre>`
 * or table alone is common on news pages (embedded snippets, score tables), and treating those
 * pages as docs cost 0.002 F1 on the article benchmark.
 *
 * @example isDocsPage({ structures: 1, docsSite: false, inlineCode: 5 }) // true
 */
export function isDocsPage(s: DocsSignals): boolean {
  return s.docsSite || s.structures >= 2 || (s.structures >= 1 && s.inlineCode >= 3);
}

export interface DocsSignals {
  /** `<pre>` blocks, definition lists and header-row tables in the region. */
  structures: number;
  /** The page names a documentation generator or theme. */
  docsSite: boolean;
  /** `<code>`, `<kbd>`, `<var>` and `<samp>` elements in the region (API names in prose). */
  inlineCode: number;
}

/**
 * Reads the documentation signals of a page and its main region.
 *
 * @example docsSignals(document, main) // { structures: 4, docsSite: true, inlineCode: 12 }
 */
export function docsSignals(doc: Document, region: Element | null): DocsSignals {
  const generator = doc.querySelector('meta[name="generator" i]')?.getAttribute("content") ?? "";
  let docsSite = DOCS_GENERATOR.test(generator);
  for (let cur: Element | null = region; cur && !docsSite; cur = cur.parentElement) {
    if (tagOf(cur) === "html") break;
    docsSite = DOCS_CLASS.test(cur.getAttribute("class") ?? "");
  }
  if (!docsSite) docsSite = DOCS_CLASS.test(doc.body?.getAttribute("class") ?? "");
  const scope = region ?? doc.body;
  let structures = 0;
  const inlineCode = scope ? scope.querySelectorAll(CODE).length : 0;
  if (scope) {
    structures += scope.querySelectorAll("pre").length;
    // News templates build teasers and photo galleries from small definition lists (a headline
    // and a date, an image and its caption) on pages without a line of code; a glossary is
    // longer, and an API entry gives its term an anchor (Sphinx signatures).
    for (const dl of scope.querySelectorAll("dl"))
      if (inlineCode > 0 || textOf(dl).length >= MIN_DL_CHARS || dl.querySelector("dt[id]")) structures++;
    for (const table of scope.querySelectorAll("table")) if (table.querySelector("th")) structures++;
  }
  return { structures, docsSite, inlineCode };
}
