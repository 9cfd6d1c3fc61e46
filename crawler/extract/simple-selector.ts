/**
 * Matching for selector lists made only of type selectors, `[attr]` and `[role=value]` (what most
 * noise rules use) against one list of elements. linkedom compiles a selector on every
 * querySelectorAll call and walks the whole tree each time; evaluating each distinct part once
 * over a single walk keeps the same matches in the same (document) order for a fraction of the
 * cost. Anything more complex is left to the DOM.
 */

const TYPE = /^[a-z][a-z0-9]*$/;
const HAS_ATTR = /^\[([a-z][a-z-]*)\]$/;
/**
 * Attributes whose values HTML selectors compare exactly; others (`type`, `lang`, …) compare
 * case-insensitively and are left to the DOM.
 */
const EXACT_VALUE = /^\[(role)=([a-z][a-z-]*)\]$/;

const isSimplePart = (part: string): boolean =>
  TYPE.test(part) || HAS_ATTR.test(part) || EXACT_VALUE.test(part);

/**
 * The parts of a simple selector list, or undefined when it holds anything else (classes,
 * compound or combinator selectors, quoted values, case-insensitive attribute values).
 *
 * @example simpleSelectorParts("nav, [role=navigation]") // ["nav", "[role=navigation]"]
 */
export function simpleSelectorParts(selector: string): string[] | undefined {
  const parts = selector.split(",").map((p) => p.trim());
  return parts.every(isSimplePart) ? parts : undefined;
}

/** Elements of one tree walk, with each simple selector part evaluated at most once. */
export class ElementIndex {
  private readonly tags: string[];
  private readonly partHits = new Map<string, Uint8Array>();

  constructor(readonly elements: readonly Element[]) {
    this.tags = elements.map((el) => el.localName.toLowerCase());
  }

  /** The elements matching any of `parts` (from simpleSelectorParts), in walk order. */
  select(parts: readonly string[]): Element[] {
    const hits = parts.map((part) => this.hitsOf(part));
    return this.elements.filter((_, i) => hits.some((h) => h[i] === 1));
  }

  private hitsOf(part: string): Uint8Array {
    let hits = this.partHits.get(part);
    if (hits) return hits;
    hits = new Uint8Array(this.elements.length);
    const has = HAS_ATTR.exec(part);
    const exact = EXACT_VALUE.exec(part);
    for (let i = 0; i < this.elements.length; i++) {
      const el = this.elements[i]!;
      const hit = has
        ? el.hasAttribute(has[1]!)
        : exact
          ? el.getAttribute(exact[1]!) === exact[2]
          : this.tags[i] === part;
      hits[i] = hit ? 1 : 0;
    }
    this.partHits.set(part, hits);
    return hits;
  }
}
