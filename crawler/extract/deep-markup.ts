/**
 * Nesting guard for the markup itself, before any parser sees it. linkedom's tokenizer keeps its
 * open elements in an array it grows at the front (`unshift`), so each tag costs O(depth): 50,000
 * nested `<b><i>` took minutes to parse. flatten-deep.ts bounds the depth of the parsed tree, but
 * only after parsing; here tags opened past MAX_MARKUP_DEPTH (and the closing tags that match them)
 * are dropped from the markup, keeping the text between them, which is what flattening would have
 * made of that subtree anyway. Real pages never come near this depth, so they pass unchanged.
 */

/** Far deeper than flatten-deep's MAX_DEPTH: only markup it would flatten is touched. */
export const MAX_MARKUP_DEPTH = 2000;

/** Elements without content, and elements the parser closes by itself: they never deepen the tree. */
const NOT_NESTING = new Set([
  "area",
  "base",
  "br",
  "col",
  "command",
  "embed",
  "hr",
  "img",
  "input",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
  "p",
  "li",
  "dt",
  "dd",
  "tr",
  "td",
  "th",
  "thead",
  "tbody",
  "tfoot",
  "option",
  "optgroup",
  "rb",
  "rt",
  "rp",
  "caption",
  "colgroup",
  "html",
  "head",
  "body",
]);
/** Elements whose content is text up to their closing tag, never markup. */
const RAW_TEXT = new Set([
  "script",
  "style",
  "textarea",
  "title",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
  "plaintext",
]);

const isLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;

/** End of a tag that starts at `start` (index after its `>`), quotes honoured; -1 when unterminated. */
function tagEnd(html: string, start: number): number {
  let quote = 0;
  for (let i = start; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      // A quote opens an attribute value only after "=" (possibly spaced): `<a b"c>` is a name.
      let k = i - 1;
      while (k > start && /\s/.test(html[k]!)) k--;
      if (html[k] === "=") quote = c;
    } else if (c === 62) return i + 1;
  }
  return -1;
}

/**
 * Drops the tags nested deeper than MAX_MARKUP_DEPTH; returns the markup and how many characters of
 * tags were dropped (0, and the same string, for any real page).
 *
 * @example flattenDeepMarkup(`${"<b>".repeat(5000)}x`).dropped // 3 * 3000
 */
export function flattenDeepMarkup(
  html: string,
  maxDepth = MAX_MARKUP_DEPTH,
): { html: string; dropped: number } {
  let depth = 0;
  let dropped = 0;
  let out = "";
  let copied = 0;
  let i = html.indexOf("<");
  while (i >= 0 && i < html.length) {
    if (html.startsWith("<!--", i)) {
      const close = html.indexOf("-->", i + 4);
      if (close < 0) break;
      i = html.indexOf("<", close + 3);
      continue;
    }
    const closing = html.charCodeAt(i + 1) === 47;
    const nameStart = closing ? i + 2 : i + 1;
    if (!isLetter(html.charCodeAt(nameStart))) {
      i = html.indexOf("<", i + 1);
      continue;
    }
    let nameEnd = nameStart;
    while (nameEnd < html.length && !/[\s/>]/.test(html[nameEnd]!)) nameEnd++;
    const end = tagEnd(html, nameEnd);
    if (end < 0) break;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    if (!closing && RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, "gi");
      close.lastIndex = end;
      i = close.exec(html)?.index ?? -1;
      continue;
    }
    const selfClosed = html.charCodeAt(end - 2) === 47;
    if (!NOT_NESTING.has(name) && !(selfClosed && !closing)) {
      const deep = closing ? depth > maxDepth : depth >= maxDepth;
      depth = closing ? Math.max(0, depth - 1) : depth + 1;
      if (deep) {
        out += html.slice(copied, i);
        copied = end;
        dropped += end - i;
      }
    }
    i = html.indexOf("<", end);
  }
  if (dropped === 0) return { html, dropped: 0 };
  return { html: out + html.slice(copied), dropped };
}
