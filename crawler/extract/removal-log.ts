import type { Removal } from "../../schemas/page.js";

/**
 * Collects what the cleaner dropped. Identical (reason, target) pairs are merged so that a page with
 * 40 `<script>` tags reports one line ("script ×40") instead of forty.
 */
export class RemovalLog {
  private readonly entries = new Map<
    string,
    { reason: string; target: string; chars: number; count: number }
  >();

  /**
   * Records one removal.
   *
   * @example log.add("hidden:display-none", "div.promo", 120)
   */
  add(reason: string, target: string, chars: number): void {
    const key = `${reason}\u0000${target}`;
    const entry = this.entries.get(key);
    if (entry) {
      entry.chars += chars;
      entry.count++;
    } else {
      this.entries.set(key, { reason, target, chars: Math.max(0, Math.round(chars)), count: 1 });
    }
  }

  /**
   * The removals in the order first seen.
   *
   * @example log.toArray() // [{ reason: "noise:navigation", target: "nav.menu", chars: 812 }]
   */
  toArray(): Removal[] {
    return [...this.entries.values()].map((e) => ({
      reason: e.reason,
      target: e.count > 1 ? `${e.target} ×${e.count}` : e.target,
      chars: e.chars,
    }));
  }
}
