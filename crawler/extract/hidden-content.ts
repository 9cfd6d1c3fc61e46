/**
 * The hidden-content guard, run before anything else reads the page: text a sighted reader never
 * sees (display:none, aria-hidden, zero-size, clipped, scaled to nothing, off-screen, zero font
 * size, transparent or the colour of its background, comments, templates, invisible characters)
 * is a prompt-injection vector and never reaches the markdown. What a control on the page can
 * reveal (tab panels, `<details>`, accordions) is kept and un-hidden instead.
 */
import { type ElementStyle, type PageCss, pageCss, styleOf } from "./css-hidden-rules.js";
import { describe, tagOf, textOf } from "./dom-utils.js";
import { hiddenByStyle } from "./inline-style.js";
import type { RemovalLog } from "./removal-log.js";
import { isRevealable, reveal, revealContext } from "./revealable.js";
import { stripInvisible } from "./text-hygiene.js";
import { hiddenPaint, type Paint, paintOf, UNKNOWN_PAINT } from "./text-paint.js";

/** Never content: code, styles, inert templates, and fallbacks for browsers without JavaScript. */
const ALWAYS_REMOVED = new Set(["script", "style", "template", "noscript"]);

/** What a reader sees even when every bit of text around it is invisible. */
const MEDIA = "img, svg, picture, video, audio, iframe, canvas, object, embed";

const LAZY_MEDIA = new Set(["img", "picture", "iframe", "video", "source"]);

/** How screen-reader-only text is hidden. */
const SCREEN_READER_ONLY = new Set(["hidden:clipped", "hidden:zero-size"]);

const COMMENT_NODE = 8;
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * Why an element is hidden (`hidden:*` reason) or undefined when it is visible as far as markup,
 * its inline style and the page's simple CSS rules tell. Display and visibility set by a class
 * rule are reported as `hidden:css-rule`; other tricks by their own name however they are set.
 *
 * @example hiddenReason(el, styleOf(el, css)) // "hidden:aria-hidden"
 */
export function hiddenReason(el: Element, style: ElementStyle): string | undefined {
  if (el.hasAttribute("hidden")) return "hidden:hidden-attribute";
  if ((el.getAttribute("aria-hidden") ?? "").trim().toLowerCase() === "true") return "hidden:aria-hidden";
  if (style.decls.size === 0) return undefined;
  const inline = style.inline.size > 0 ? hiddenByStyle(style.inline) : undefined;
  if (inline) return inline;
  const reason = hiddenByStyle(style.decls, "rules");
  if (reason === "hidden:display-none" || reason === "hidden:visibility-hidden") return "hidden:css-rule";
  // A transparent image by class is a lazy-load placeholder, shown once the file arrives.
  if (reason === "hidden:opacity-zero" && LAZY_MEDIA.has(tagOf(el))) return undefined;
  return reason;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * True for a visually hidden `<h1>` that repeats the page's `<title>`: the title of a page whose
 * visible heading is a logo or an image, shown in the browser's tab and read by screen readers.
 *
 * @example repeatsTitle(h1, new Set(["oneplus", "13"])) // true for <h1 class="sr-only">OnePlus 13</h1>
 */
export function repeatsTitle(el: Element, titleWords: ReadonlySet<string>): boolean {
  if (tagOf(el) !== "h1" || titleWords.size === 0) return false;
  const words = textOf(el).toLowerCase().match(WORD) ?? [];
  return words.length > 0 && words.filter((w) => titleWords.has(w)).length >= 0.8 * words.length;
}

/** Text a reader sees: scripts, styles and templates inside do not count. */
function readableChars(el: Element): number {
  let chars = textOf(el).length;
  for (const inner of el.querySelectorAll("script, style, template, noscript")) chars -= textOf(inner).length;
  return chars;
}

/** Text made invisible by its paint from `el` down, until a descendant paints it readable again. */
interface HiddenText {
  reason: string;
  el: Element;
  chars: number;
}

/** What an element passes to its children; shared by all of them. */
interface Context {
  paint: Paint;
  hidden?: HiddenText;
}

function rootPaint(doc: Document, css: PageCss): Paint {
  let paint = UNKNOWN_PAINT;
  for (const el of [doc.documentElement, doc.body]) {
    if (!el) continue;
    const style = styleOf(el, css);
    paint = paintOf(el, style.decls, style.unknown, paint);
  }
  return paint;
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
  const css = pageCss(doc);
  const reveal_ = revealContext(doc);
  const bodyChars = readableChars(body);
  // A wrapper hiding most of the page is a loading trick (fade-in, modal backdrop state), not
  // a secret: the reader sees that text once the page has loaded.
  const isMostOfPage = (el: Element) => bodyChars >= 500 && readableChars(el) >= 0.6 * bodyChars;
  const titleWords = new Set((doc.title ?? "").toLowerCase().match(WORD) ?? []);
  const hiddenTexts: HiddenText[] = [];
  let invisibleChars = 0;

  const start = rootPaint(doc, css);
  // Two parallel stacks, one context per parent: no allocation per node on pages of 100k nodes.
  const stack: Node[] = [...body.childNodes].reverse();
  const top: Context = { paint: start };
  const contexts: Context[] = stack.map(() => top);
  while (stack.length > 0) {
    const node = stack.pop()!;
    const parentContext = contexts.pop()!;
    const { paint: parentPaint, hidden: parentHidden } = parentContext;
    if (node.nodeType === COMMENT_NODE) {
      log.add("hidden:comment", "<!-- comment -->", ((node as Comment).data ?? "").trim().length);
      node.parentNode?.removeChild(node);
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      const text = node as Text;
      if (parentHidden) {
        parentHidden.chars += textOf(text).length;
        text.remove();
        continue;
      }
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
    const style = styleOf(el, css);
    const reason = hiddenReason(el, style);
    if (reason) {
      const title = SCREEN_READER_ONLY.has(reason) && repeatsTitle(el, titleWords);
      if (title || isRevealable(el, reveal_) || isMostOfPage(el)) {
        reveal(el);
      } else {
        log.add(reason, describe(el), textOf(el).length);
        el.remove();
        continue;
      }
    }
    let paint = paintOf(el, style.decls, style.unknown, parentPaint);
    let hidden = parentHidden;
    const paintReason = paint === parentPaint ? hidden?.reason : hiddenPaint(paint);
    if (!paintReason) {
      hidden = undefined;
    } else if (!hidden) {
      if (isMostOfPage(el)) {
        // Read as the page's real colours, unknown here: nothing below is hidden by this paint.
        paint = { ...paint, color: undefined, fontZero: false };
      } else {
        hidden = { reason: paintReason, el, chars: 0 };
        hiddenTexts.push(hidden);
      }
    }
    // linkedom builds `childNodes` afresh on every access: read it once (a 20 MB page has
    // parents with tens of thousands of children, and indexing it in the loop was quadratic).
    const children = el.childNodes;
    const context = paint === parentPaint && hidden === parentHidden ? parentContext : { paint, hidden };
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push(children[i]!);
      contexts.push(context);
    }
  }
  for (const h of hiddenTexts) {
    if (h.chars === 0) continue;
    log.add(h.reason, describe(h.el), h.chars);
    // Nothing readable left (no text a descendant made visible again, no image): an invisible
    // link or block is not kept as an empty shell.
    if (textOf(h.el) === "" && !h.el.querySelector(MEDIA)) h.el.remove();
  }
  if (invisibleChars > 0)
    log.add("hidden:invisible-characters", "zero-width/bidi/tag characters", invisibleChars);
}
