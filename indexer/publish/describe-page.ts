import type { Page } from "../../schemas/page.js";

const MAX_CHARS = 200;

/**
 * A one-line description of a page for its llms.txt entry: its own meta description unless that
 * one is shared site-wide boilerplate, else the first prose paragraph of its markdown.
 *
 * @example describePage(page, new Set(["Docs for Foo"])) // "Configure how many times a failed job is tried again…"
 */
export function describePage(page: Page, boilerplate: ReadonlySet<string>): string {
  const own = oneLine(page.description);
  if (own && !boilerplate.has(own)) return shorten(own, MAX_CHARS);
  return shorten(firstParagraph(page.markdown), MAX_CHARS);
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
 * The first paragraph of prose: headings, code, tables, lists, images, HTML and JSX lines skipped;
 * links reduced to their text.
 *
 * @example firstParagraph("# T\n\n```js\nx\n```\n\nHello [world](/w).") // "Hello world."
 */
export function firstParagraph(markdown: string): string {
  let fence = false;
  const para: string[] = [];
  for (const line of markdown.split("\n")) {
    const t = line.trim();
    if (/^(```|~~~)/.test(t)) {
      fence = !fence;
      if (para.length) break;
      continue;
    }
    if (fence) continue;
    if (!t) {
      if (para.length) break;
      continue;
    }
    if (/^(#|\||[-*+] |\d+\. |!\[|<|>|:::|\{)/.test(t)) {
      if (para.length) break;
      continue;
    }
    para.push(t);
  }
  return oneLine(
    para
      .join(" ")
      .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/(\*\*|__)(.+?)\1/g, "$2"),
  );
}

/**
 * Cuts at a word boundary and adds "…".
 *
 * @example shorten("one two three", 8) // "one two…"
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "")}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
