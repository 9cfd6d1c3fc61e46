/**
 * The noise rules: human-facing UI that is not the page's content. This table is the ONE place
 * they are defined; apply-noise-rules.ts applies them (precedence and guards are described there).
 * Each removal is reported as `noise:<name>`.
 */
import { admonitionKind } from "../markdown/admonition.js";
import { HEADINGS, isBreadcrumbHeading } from "./breadcrumb-heading.js";
import { hasAncestor, tagOf } from "./dom-utils.js";
import { cachedTextOf as textOf, cachedTokensOf as tokensOf } from "./element-cache.js";
import { isPageLevel } from "./landmarks.js";

export interface NoiseContext {
  /** The declared main region found before noise removal (never removed). */
  mainRegion: Element | null;
  /** Characters of text in the body, for the `bounded` guard. */
  bodyChars: number;
  /** True when the main region has its own h1 (a header's h1 is then a logo). */
  mainHasH1: boolean;
}

export interface NoiseRule {
  name: string;
  /** Why this is noise (documentation; not used at run time). */
  why: string;
  /** Candidate elements. */
  selector: string;
  /** Further test on a candidate. */
  test?: (el: Element, ctx: NoiseContext) => boolean;
  /** Class/id guess: apply the size guard. */
  bounded?: boolean;
  /** Report the element's text rather than its selector (rules that match on words). */
  byText?: boolean;
  /** Cheap test on the whole body text; the rule is skipped when it fails (saves per-element work). */
  precheck?: (bodyText: string) => boolean;
}

const anyToken = (el: Element, re: RegExp): boolean => tokensOf(el).some((t) => re.test(t));
const shortText = (el: Element, max: number): boolean => textOf(el).length <= max;
/** Share of an element's text that is link text. */
const linkShare = (el: Element): number => {
  const total = textOf(el).length;
  if (total === 0) return 1;
  let links = 0;
  for (const a of el.querySelectorAll("a")) links += textOf(a).length;
  return links / total;
};
const isHeadingLike = (el: Element): boolean => /^(h[1-6]|dt)$/.test(tagOf(el));
const PERMALINK_CLASS =
  /^(headerlink|anchor-link|hash-link|anchorjs-link|header-anchor|heading-anchor|anchor|permalink|direct-link|heading-link)$/i;
const GLYPHS_ONLY = /^(?:[\s¶#§🔗⚓\u200B]|\uFE0F)*$/u;
const SHARE_HREF =
  /(twitter\.com|x\.com)\/(intent|share)|facebook\.com\/shar|linkedin\.com\/(share|sharing)|reddit\.com\/submit|pinterest\.com\/pin\/create|news\.ycombinator\.com\/submitlink|wa\.me\/\?text|t\.me\/share/i;

/**
 * Whole-element text of a "last modified/updated on <date>" line: the date (a digit, a month or a
 * weekday) follows the verb at once, so "Last modified times are kept in 64 bits." is prose.
 */
const LAST_MODIFIED =
  /^(?:(?:this )?(?:page|document|article|post|file|content|section) (?:was )?)?last (?:modified|updated?|changed|edited|revised|reviewed)(?: on| at)?\s*[:\-–]?\s*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s)[^.!?]{0,80}\.?$/i;

/** The rule table, in precedence order. */
export const NOISE_RULES: readonly NoiseRule[] = [
  {
    name: "skip-link",
    why: "'Skip to main content' exists for keyboard users, not readers of the text",
    selector: "a",
    byText: true,
    test: (el) => shortText(el, 60) && /^skip\b/i.test(textOf(el)),
  },
  {
    name: "permalink",
    why: "heading permalink glyphs (¶, #, 🔗) are junk inside headings",
    selector: "a",
    test: (el) =>
      (anyToken(el, PERMALINK_CLASS) && shortText(el, 2)) ||
      (GLYPHS_ONLY.test(el.textContent ?? "") &&
        (el.getAttribute("href") ?? "").startsWith("#") &&
        hasAncestor(el, isHeadingLike)),
  },
  {
    name: "page-header",
    why: "the site header (logo, top menu) repeats on every page; an article's own header is kept",
    selector: "header, [role=banner]",
    test: (el, ctx) => isPageLevel(el) && !(el.querySelector("h1") && !ctx.mainHasH1),
  },
  {
    name: "page-footer",
    why: "the site footer repeats on every page; an article's own footer is kept",
    selector: "footer, [role=contentinfo]",
    test: (el) => isPageLevel(el),
  },
  {
    name: "breadcrumbs",
    why: "the path to the page is navigation",
    selector: "[class], [id], [aria-label]",
    bounded: true,
    test: (el) => /breadcrumb/i.test(el.getAttribute("aria-label") ?? "") || anyToken(el, /breadcrumb/i),
  },
  {
    name: "breadcrumb-heading",
    why: "a heading that only links to the parent section, right above the page's title heading, is a one-step breadcrumb",
    selector: HEADINGS,
    test: (el, ctx) => isBreadcrumbHeading(el, ctx),
  },
  {
    name: "sidebar",
    why: "side menus and asides are chrome (admonitions rendered as <aside> are content)",
    selector: "aside, [role=complementary], [class], [id]",
    bounded: true,
    test: (el) =>
      ((tagOf(el) === "aside" || el.getAttribute("role") === "complementary") && !admonitionKind(el)) ||
      anyToken(el, /sidebar|sidenav|side-nav|side-bar|sidemenu|side-menu/i),
  },
  {
    name: "table-of-contents",
    why: "an in-page TOC repeats the headings",
    selector: "[class], [id]",
    bounded: true,
    test: (el) =>
      anyToken(el, /(^|[-_])toc(?=$|[-_A-Z0-9])/) ||
      anyToken(el, /(^|[-_])TOC($|[-_])/) ||
      anyToken(el, /table-?of-?contents|tableOfContents|on-?this-?page|onThisPage|page-?outline/i),
  },
  {
    name: "cookie-consent",
    why: "consent banners are legal UI",
    selector: "[class], [id]",
    bounded: true,
    test: (el) =>
      !/^(h[1-6]|section|article|main|dt|dd|li|a|code|span)$/.test(tagOf(el)) &&
      anyToken(el, /cookie|consent|gdpr|onetrust|cookiebot/i) &&
      shortText(el, 3000),
  },
  {
    name: "edit-link",
    why: "'Edit this page' is for contributors",
    selector: "a, [class]",
    byText: true,
    test: (el) =>
      (tagOf(el) === "a" &&
        shortText(el, 60) &&
        /^(edit (this |the )?(page|file|doc|document|article|section)|edit on (github|gitlab|bitbucket)|edit source|suggest (an )?edits?|improve this (page|doc|document|article)|view (page )?source|show source)\b/i.test(
          textOf(el),
        )) ||
      (anyToken(el, /edit-?this-?page|edit-?page-?link|edit-link|editLink|edit-on-github/i) &&
        shortText(el, 120)),
  },
  {
    name: "page-meta",
    why: "'Last updated on … by …' is repository metadata",
    selector: "[class]",
    test: (el) => anyToken(el, /last-?updated|lastUpdated|git-revision-date/i) && shortText(el, 200),
  },
  {
    name: "last-modified",
    why: "a 'This page last modified on <date>' line (Sphinx, MkDocs, Docusaurus, hand-made sites) is page metadata",
    selector: "p, div, span, small, em, i, footer, section, aside",
    byText: true,
    precheck: (text) => /last (modified|update|changed|edited|revised|reviewed)/i.test(text),
    test: (el) => shortText(el, 160) && LAST_MODIFIED.test(textOf(el)),
  },
  {
    name: "feedback",
    why: "'Was this page helpful?' widgets",
    selector: "div, section, form, aside, p, span, fieldset",
    byText: true,
    precheck: (text) => /helpful|useful|feedback/i.test(text),
    test: (el) =>
      shortText(el, 300) &&
      (/was this (page|article|section|doc|document|content|information|topic|guide|tutorial)?\s*(helpful|useful)/i.test(
        textOf(el),
      ) ||
        anyToken(el, /feedback|was-this-helpful|page-rating|rate-this/i)),
  },
  {
    name: "pagination",
    why: "previous/next links are navigation",
    selector: "a, [class], [id]",
    bounded: true,
    test: (el) =>
      anyToken(
        el,
        /pagination|paginator|(^|[-_])pager($|[-_])|^nav(header|footer)$|prev-?next|next-?prev|rst-footer-buttons|post-?nav(igation)?($|[-_])|footer-?nav|page-?nav($|[-_])/i,
      ) ||
      (tagOf(el) === "a" &&
        (/^(prev|next)$/i.test(el.getAttribute("rel") ?? "") ||
          (shortText(el, 80) && /^(«|‹|←|<)?\s*(previous|prev|next)\b(?!\s+steps)/i.test(textOf(el))))),
  },
  {
    name: "version-switcher",
    why: "version pickers and 'this is unreleased documentation' banners are UI",
    selector: "[class], [id]",
    bounded: true,
    test: (el) =>
      shortText(el, 500) &&
      anyToken(
        el,
        /version-?(switch|select|picker|menu|dropdown|chooser|banner|badge|warning)|versions?-?selector|rst-versions|theme-doc-version/i,
      ),
  },
  {
    name: "search",
    why: "search boxes are UI",
    selector: "[role=search], form, input[type=search], [class], [id]",
    bounded: true,
    test: (el) =>
      el.getAttribute("role") === "search" ||
      (tagOf(el) === "form" &&
        el.querySelector("input[type=search], input[name=q], input[name=query]") !== null) ||
      (anyToken(
        el,
        /^(search|docsearch|searchbox|search-?bar|search-?box|search-?form|search-?input|search-?button|DocSearch|DocSearch-Button|md-search)$/i,
      ) &&
        shortText(el, 300)),
  },
  {
    name: "site-branding",
    why: "logo wrappers and taglines repeat on every page (SQLite and many themes mark them by class only)",
    selector: "[class]",
    bounded: true,
    test: (el) =>
      anyToken(el, /^(tagline|site-?tagline|masthead|site-?branding|logo|site-?logo|navbar-brand)$/i) &&
      shortText(el, 300),
  },
  {
    name: "menu",
    why: "site menus built from divs and lists, without <nav>, are navigation all the same",
    selector: "[class], [id]",
    bounded: true,
    test: (el) =>
      anyToken(
        el,
        /^(menu|mainmenu|main-menu|submenu|topmenu|top-menu|navbar|nav-bar|sitenav|site-nav|global-nav|topnav|top-nav)$/i,
      ) && linkShare(el) >= 0.5,
  },
  {
    name: "navigation",
    why: "menus and link bars are site chrome (after the more specific nav-like rules, which name the removal better)",
    selector: "nav, [role=navigation], [role=menubar]",
  },
  {
    name: "share",
    why: "share buttons are UI",
    selector: "a, [class], [id]",
    bounded: true,
    test: (el) =>
      (tagOf(el) === "a" && SHARE_HREF.test(el.getAttribute("href") ?? "")) ||
      (anyToken(
        el,
        /(^|[-_])(share|sharing|social|sharethis|addthis|share-?buttons?|social-?share)($|[-_])/i,
      ) &&
        shortText(el, 400)),
  },
  {
    name: "back-to-top",
    why: "'Back to top' is a scroll control",
    selector: "a, button",
    byText: true,
    test: (el) => /^(back to top|scroll to top|go to top|top|↑|▲)$/i.test(textOf(el)),
  },
  {
    name: "tab-list",
    why: "the tab strip is UI; each panel was labelled with its tab's text first",
    selector: "[role=tablist]",
  },
  {
    name: "form-control",
    why: "inputs, selects and buttons are UI (accordion triggers and task-list checkboxes are kept)",
    selector: "input, select, textarea, button, form",
    test: (el) => {
      const tag = tagOf(el);
      if (tag === "input")
        return !(
          (el.getAttribute("type") ?? "").toLowerCase() === "checkbox" &&
          hasAncestor(el, (p) => tagOf(p) === "li")
        );
      if (tag === "button")
        return !(
          hasAncestor(el, isHeadingLike) ||
          (el.hasAttribute("aria-controls") && el.getAttribute("role") !== "tab")
        );
      if (tag === "form") return shortText(el, 200);
      return true;
    },
  },
  {
    name: "embedded",
    why: "frames, plug-ins, canvases and inline SVG carry no readable text (SVG text is icon labels)",
    selector: "iframe, object, embed, canvas, svg, video, audio, map",
  },
  {
    name: "line-numbers",
    why: "code line-number gutters would be copied into the code",
    selector: "[class]",
    test: (el) =>
      anyToken(
        el,
        /^(linenos|lineno|linenodiv|line-numbers-rows|hljs-ln-numbers|lnt|ln|gutter|line-number|line-numbers-wrapper)$/,
      ),
  },
  {
    name: "dialog",
    why: "modals (search, newsletter, consent) are UI",
    selector: "dialog, [role=dialog], [role=alertdialog]",
    test: (el) => shortText(el, 2000),
  },
  {
    name: "hover-card",
    why: "a card that pops up over a name or link on hover (a profile with its latest stories) interrupts the sentence it sits in",
    selector: "[class]",
    bounded: true,
    test: (el) =>
      anyToken(
        el,
        /^(hover-?card|rollover-block)$|(rollover|hover-?card|popover)[-_][\w-]*(block|card|content|body|panel|popup)$/i,
      ) &&
      shortText(el, 1000) &&
      linkShare(el) >= 0.5,
  },
  {
    name: "print-only",
    why: "print-only copies of the headline, URL or footer are hidden on screen by the site's print stylesheet",
    selector: "[class]",
    bounded: true,
    test: (el) =>
      anyToken(
        el,
        /^(print-?(only|header|footer|title|url|info)|only-?print|visible-print(-block|-inline|-inline-block)?|d-print-(block|inline|inline-block|flex|table)|show-for-print)$/i,
      ),
  },
  {
    name: "ads",
    why: "advertising",
    selector: "ins.adsbygoogle, [class], [id]",
    bounded: true,
    test: (el) =>
      anyToken(
        el,
        /^(ad|ads|advert|advertisement|adsbygoogle|sponsor|sponsored|ad-slot|ad-container|advertising)$/i,
      ),
  },
];
