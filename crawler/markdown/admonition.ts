/**
 * Admonitions (note/warning/tip boxes) as Sphinx, MkDocs, Docusaurus, GitHub and Bootstrap mark
 * them up. They become `> **Warning:** text` so that an agent sees the emphasis a reader sees.
 */

/** A class token that makes a block an admonition by itself. */
const MARKER =
  /^(admonition|theme-admonition|admonitionblock|callout|markdown-alert|note|warning|tip|caution|danger|important|hint|attention|alert)$/i;

const KIND =
  /(?:^|[-_])(note|warning|warn|tip|caution|danger|important|hint|attention|error|info|seealso|see-also|success|example|question|bug|abstract|summary|todo|failure|check)(?:$|[-_])/i;

const TITLE_CLASS =
  /^(admonition-title|admonition-heading|callout-title|alert-title|alert-heading|markdown-alert-title|title)$|admonitionHeading/;

const BLOCK_TAGS = new Set(["div", "aside", "section", "blockquote"]);

/**
 * The kind of admonition (`warning`, `note`, …) or undefined when `el` is not one.
 *
 * @example admonitionKind(<div class="admonition warning">) // "warning"
 */
export function admonitionKind(el: Element): string | undefined {
  const annotated = el.getAttribute("data-aw-admonition");
  if (annotated) return annotated;
  if (!BLOCK_TAGS.has(el.tagName.toLowerCase())) return undefined;
  const tokens = (el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean);
  const isMarked = tokens.some((t) => MARKER.test(t)) || el.getAttribute("role") === "note";
  if (!isMarked) return undefined;
  for (const t of tokens) {
    const m = KIND.exec(t);
    if (m)
      return m[1]!
        .toLowerCase()
        .replace("see-also", "seealso")
        .replace(/^warn$/, "warning");
  }
  // A bare `.alert` is a generic Bootstrap box, still a callout.
  return "note";
}

/**
 * True when `el` is the title line of an admonition (rendered as the bold label instead).
 *
 * @example isAdmonitionTitle(<p class="admonition-title">Note</p>) // true
 */
export function isAdmonitionTitle(el: Element): boolean {
  if (el.hasAttribute("data-aw-admonition-title")) return true;
  const tokens = (el.getAttribute("class") ?? "").split(/\s+/);
  if (!tokens.some((t) => TITLE_CLASS.test(t))) {
    // Readability strips classes (and sometimes our attributes): a first child that only says the
    // admonition's kind ("tip", "Warning:") is still its title.
    const parent = el.parentElement;
    const kind = parent && parent.firstElementChild === el ? admonitionKind(parent) : undefined;
    if (!kind) return false;
    const text = (el.textContent ?? "").trim().replace(/:$/, "").toLowerCase();
    return text === kind || text === admonitionLabel(kind, "").toLowerCase();
  }
  // Only the first child (or the first child's first child) of an admonition is its title.
  const parent = el.parentElement;
  if (!parent) return false;
  if (parent.firstElementChild === el && admonitionKind(parent)) return true;
  const grand = parent.parentElement;
  return (
    !!grand &&
    grand.firstElementChild === parent &&
    parent.firstElementChild === el &&
    !!admonitionKind(grand)
  );
}

/**
 * The title element of an admonition, if it has one.
 *
 * @example admonitionTitle(box)?.textContent // "Warning"
 */
export function admonitionTitle(el: Element): Element | undefined {
  const first = el.firstElementChild;
  if (!first) return undefined;
  if (isAdmonitionTitle(first)) return first;
  const inner = first.firstElementChild;
  return inner && isAdmonitionTitle(inner) ? inner : undefined;
}

const LABELS: Record<string, string> = { seealso: "See also", todo: "To do" };

/**
 * The bold label of an admonition: its own title when it has one, else the kind capitalised.
 *
 * @example admonitionLabel("warning", "") // "Warning"
 */
export function admonitionLabel(kind: string, title: string): string {
  const t = title.replace(/\s+/g, " ").trim().replace(/:$/, "");
  if (t && t.toLowerCase() !== kind) return t;
  return LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}
