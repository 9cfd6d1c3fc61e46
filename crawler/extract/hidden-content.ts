/**
 * The hidden-content guard, run before anything else reads the page: text a sighted reader never
 * sees (display:none, aria-hidden, zero-size, off-screen, comments, templates, invisible
 * characters) is a prompt-injection vector and never reaches the markdown. What a control on the
 * page can reveal (tab panels, `<details>`, accordions) is kept and un-hidden instead.
 */
import { type CssHidden, hiddenFromStyleElements } from "./css-hidden-rules.js";
import { describe, tagOf, textOf } from "./dom-utils.js";
import { hiddenByInlineStyle } from "./inline-style.js";
import type { RemovalLog } from "./removal-log.js";
import { isRevealable, reveal, revealContext } from "./revealable.js";
import { stripInvisible } from "./text-hygiene.js";

/** Never content: code, styles, inert templates, and fallbacks for browsers without JavaScript. */
const ALWAYS_REMOVED = new Set(["script", "style", "template", "noscript"]);

const COMMENT_NODE = 8;
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * Why an element is hidden (`hidden:*` reason) or undefined when it is visible as far as markup
 * and the page's simple CSS rules tell.
 *
 * @example hiddenReason(el, css) // "hidden:aria-hidden"
 */
export function hiddenReason(el: Element, css: CssHidden): string | undefined {
  if (el.hasAttribute("hidden")) return "hidden:hidden-attribute";
  if ((el.getAttribute("aria-hidden") ?? "").trim().toLowerCase() === "true") return "hidden:aria-hidden";
  const style = el.getAttribute("style");
  if (style) {
    const reason = hiddenByInlineStyle(style);
    if (reason) return reason;
  }
  if (css.classes.size > 0 || css.ids.size > 0) {
    const id = el.getAttribute("id");
    if (id && css.ids.has(id)) return "hidden:css-rule";
    const cls = el.getAttribute("class");
    if (cls?.split(/\s+/).some((c) => css.classes.has(c))) return "hidden:css-rule";
  }
  return undefined;
}

/**
 * Removes hidden content from `doc.body` in place and records each removal in `log`.
 *
 * @example
 * removeHiddenContent(document, log);
 * log.toArray(); // [{ reason: "hidden:display-none", target: "div.promo", chars: 42 }, ...]
 */
export function removeHiddenContent(doc: Document, log: RemovalLog): void {
  const body = doc.body;
  if (!body) return;
  const css = hiddenFromStyleElements(doc);
  const reveal_ = revealContext(doc);
  const bodyChars = textOf(body).length;
  let invisibleChars = 0;

  const stack: Node[] = [...body.childNodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === COMMENT_NODE) {
      log.add("hidden:comment", "<!-- comment -->", ((node as Comment).data ?? "").trim().length);
      node.parentNode?.removeChild(node);
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      const text = node as Text;
      const { text: clean, removed } = stripInvisible(text.data);
      if (removed > 0) {
        text.data = clean;
        invisibleChars += removed;
      }
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const el = node as Element;
    const tag = tagOf(el);
    if (ALWAYS_REMOVED.has(tag)) {
      log.add(`hidden:${tag}`, tag, textOf(el).length);
      el.remove();
      continue;
    }
    const reason = hiddenReason(el, css);
    if (reason) {
      if (isRevealable(el, reveal_)) {
        reveal(el);
      } else {
        const chars = textOf(el).length;
        // A wrapper hiding most of the page is a loading trick (fade-in, modal backdrop state), not
        // a secret: the reader sees that text once the page has loaded.
        if (bodyChars >= 500 && chars >= 0.6 * bodyChars) {
          reveal(el);
        } else {
          log.add(reason, describe(el), chars);
          el.remove();
          continue;
        }
      }
    }
    // linkedom builds `childNodes` afresh on every access: read it once (a 20 MB page has
    // parents with tens of thousands of children, and indexing it in the loop was quadratic).
    const children = el.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  if (invisibleChars > 0)
    log.add("hidden:invisible-characters", "zero-width/bidi/tag characters", invisibleChars);
}
