/**
 * Tells when a page's content evidently needs JavaScript (an SPA shell), so the crawler can fetch
 * it again with a browser instead of indexing an empty shell or its footer.
 */
import { textOf } from "./dom-utils.js";

export interface JsSignals {
  /** Selector of an app root that is present and empty (`#root`, `#__next`, …). */
  emptyAppRoot?: string;
  /** A `<noscript>` asks the reader to enable JavaScript. */
  noscriptAsksForJs: boolean;
  scriptCount: number;
}

const APP_ROOTS = [
  "#root",
  "#app",
  "#__next",
  "#__nuxt",
  "#___gatsby",
  "#svelte",
  "[data-reactroot]",
  "app-root",
  "[ng-app]",
  "#main-app",
];
const ENABLE_JS =
  /(enable|turn on|activate|allow)\s+javascript|javascript\s+(is\s+)?(required|disabled|needed|must be enabled|is not enabled|is off)|requires?\s+javascript|without javascript|need(s)? javascript/i;

/** Lower-cased ids of the `#id` app roots. */
const APP_ROOT_IDS = new Set(APP_ROOTS.filter((s) => s.startsWith("#")).map((s) => s.slice(1).toLowerCase()));

/**
 * Elements that might match an app-root selector, in document order: one walk instead of a
 * querySelector over the whole body per selector. Ids compare case-insensitively here (a quirks-mode
 * page matches them so); `matches` then decides.
 */
function appRootCandidates(body: Element): Element[] {
  return [...body.querySelectorAll("*")].filter(
    (el) =>
      APP_ROOT_IDS.has((el.getAttribute("id") ?? "").toLowerCase()) ||
      el.hasAttribute("data-reactroot") ||
      el.hasAttribute("ng-app") ||
      el.localName.toLowerCase() === "app-root",
  );
}

/**
 * Reads the JavaScript signals; must run before the hidden-content guard removes `<noscript>`.
 *
 * @example collectJsSignals(document) // { emptyAppRoot: "#root", noscriptAsksForJs: true, scriptCount: 3 }
 */
export function collectJsSignals(doc: Document): JsSignals {
  let emptyAppRoot: string | undefined;
  const candidates = doc.body ? appRootCandidates(doc.body) : [];
  for (const selector of APP_ROOTS) {
    const el = candidates.find((c) => c.matches(selector));
    if (el && textOf(el) === "" && !el.querySelector("img, picture, video")) {
      emptyAppRoot = selector;
      break;
    }
  }
  const noscriptAsksForJs = [...doc.querySelectorAll("noscript")].some((n) =>
    ENABLE_JS.test(n.textContent ?? ""),
  );
  const scriptCount = doc.querySelectorAll("script").length;
  return emptyAppRoot ? { emptyAppRoot, noscriptAsksForJs, scriptCount } : { noscriptAsksForJs, scriptCount };
}

/**
 * Visible text (outside scripts, styles and hidden elements) from which a page is a page of its
 * own, whatever its scripts: a heading, a sentence and a short list. When extraction keeps none of
 * it, the extraction failed; a browser would render the same text again.
 */
const STATIC_TEXT_CHARS = 200;

/**
 * The reason the page needs JavaScript, or undefined. `readableChars` is the length of the
 * extracted main text; `visibleChars` the length of the page's visible text before any cleaning
 * (the text a browser shows without running scripts). Script counts alone never decide: most
 * static pages carry scripts (analytics, search, theme toggles).
 *
 * @example needsJavaScript({ emptyAppRoot: "#root", noscriptAsksForJs: false, scriptCount: 2 }, 0, 0)
 * // "empty app root #root and 0 chars of readable text"
 */
export function needsJavaScript(
  signals: JsSignals,
  readableChars: number,
  visibleChars: number,
): string | undefined {
  if (signals.emptyAppRoot && readableChars < 300) {
    return `empty app root ${signals.emptyAppRoot} and ${readableChars} chars of readable text`;
  }
  if (signals.noscriptAsksForJs && readableChars < 200) {
    return `<noscript> asks to enable JavaScript and only ${readableChars} chars of readable text`;
  }
  if (readableChars === 0 && signals.scriptCount > 0 && visibleChars < STATIC_TEXT_CHARS) {
    return `no readable text but ${signals.scriptCount} script(s)`;
  }
  return undefined;
}
