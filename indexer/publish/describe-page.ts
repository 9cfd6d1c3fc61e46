import type { Page } from "../../schemas/page.js";

const MAX_CHARS = 200;

/**
 * A one-line description of a page for its llms.txt entry: its own meta description unless that
 * one is site-wide boilerplate, leaked markup (`<Component props={[`), or just the title again;
 * else the first real prose paragraph of its markdown. Empty when the page has nothing better
 * than its title to say (a note repeating the title costs tokens and tells nothing).
 *
 * @example describePage(page, new Set(["Docs for Foo"])) // "Configure how many times a failed job is tried again…"
 */
export function describePage(page: Page, boilerplate: ReadonlySet<string>, title = page.title): string {
  const skip = [normal(title), normal(page.title), normal(page.headings[0]?.text ?? "")].filter(Boolean);
  const own = oneLine(page.description);
  const usable = own && !boilerplate.has(own) && !looksLikeMarkup(own) && !skip.includes(normal(own));
  const text = usable ? own : firstParagraph(page.markdown, skip);
  return shorten(dropDanglingClause(text), MAX_CHARS);
}

/**
 * Descriptions repeated on many pages (a site-wide default), which say nothing about one page.
 *
 * @example boilerplateDescriptions(pages) // Set { "The docs of Foo" }
 */
export function boilerplateDescriptions(pages: Page[]): Set<string> {
  const counts = new Map<string, number>();
  for (const p of pages) {
    const d = oneLine(p.description);
    if (d) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const threshold = Math.max(3, pages.length * 0.3);
  return new Set([...counts].filter(([, n]) => n >= threshold).map(([d]) => d));
}

/**
 * The first paragraph of prose: headings, code, tables, lists, images, HTML and JSX lines skipped,
 * and so are paragraphs that only repeat `skip` (the title) or are short labels ("Path Parameters");
 * links are reduced to their text.
 *
 * @example firstParagraph("# T\n\n```js\nx\n```\n\nHello [world](/w).") // "Hello world."
 */
export function firstParagraph(markdown: string, skip: string[] = []): string {
  let fence = false;
  let para: string[] = [];
  const take = () => {
    const text = clean(para.join(" "));
    para = [];
    const label = text.split(" ").length < 4 && !/[.!?]$/.test(text);
    return text && !label && !skip.includes(normal(text)) && !looksLikeMarkup(text) ? text : "";
  };
  for (const line of markdown.split("\n")) {
    const t = line.trim();
    if (/^(```|~~~)/.test(t)) fence = !fence;
    const structural = fence || /^(```|~~~|#|\||[-*+] |\d+\. |!\[|<|>|:::|\{)/.test(t);
    if (!t || structural) {
      const text = para.length ? take() : "";
      if (text) return text;
      continue;
    }
    para.push(t);
  }
  return para.length ? take() : "";
}

/**
 * Cuts at a sentence end when one falls in the second half of the limit, else at a word, adding "…".
 *
 * @example shorten("One two. Three four five six.", 20) // "One two."
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const sentence = Math.max(...[". ", "! ", "? "].map((p) => cut.lastIndexOf(p)));
  if (sentence >= Math.min(max / 2, 40)) return cut.slice(0, sentence + 1);
  const space = cut.lastIndexOf(" ", max - 1);
  return `${(space > max / 2 ? cut.slice(0, space) : cut.slice(0, max - 1)).replace(/[\s,;:.-]+$/, "")}…`;
}

/** "…JavaScript. Specifically," — a description cut before its list: keep the whole sentences. */
function dropDanglingClause(text: string): string {
  if (!/[,:;]$/.test(text)) return text;
  const end = Math.max(text.lastIndexOf(". "), text.lastIndexOf("! "), text.lastIndexOf("? "));
  return end > 0 ? text.slice(0, end + 1) : text.replace(/[,:;]$/, "");
}

function looksLikeMarkup(text: string): boolean {
  return /<[A-Za-z][\w.-]*[\s/>]|=\{|\{\[|\]\}/.test(text);
}

function clean(text: string): string {
  return oneLine(
    text
      .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/(\*\*|__)(.+?)\1/g, "$2"),
  );
}

function normal(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
