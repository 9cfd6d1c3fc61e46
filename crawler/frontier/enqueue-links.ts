import type { PageLink } from "../../schemas/page.js";
import type { CrawlContext } from "../crawl-context.js";
import { fileMediaType } from "../fetch/media-type.js";
import { normalizeUrl } from "./normalize-url.js";
import { isTrapPath } from "./work-queue.js";

/** Queues a page's in-scope links, skipping traps, non-page files and spent per-prefix budgets. */
export function enqueueLinks(ctx: CrawlContext, links: PageLink[], depth: number): void {
  for (const link of links) {
    let target: string;
    try {
      target = normalizeUrl(link.url);
    } catch {
      continue;
    }
    if (ctx.queue.has(target)) continue;
    const path = new URL(target).pathname;
    if (isTrapPath(path)) continue;
    const verdict = ctx.scope.check(target, depth + 1);
    const fileType = fileMediaType(path);
    if (fileType) {
      // Never fetched, so a file past a limit costs the crawl nothing it could have seen.
      if (verdict !== undefined || ctx.files.reported.has(target)) continue;
      ctx.files.reported.add(target);
      const reason = `not a page (${fileType}, by its extension; not fetched)`;
      ctx.files.pending.push({ type: "skipped", url: target, code: "UNSUPPORTED_CONTENT", reason });
      continue;
    }
    if (ctx.queue.full) {
      // Conservative: the link may be known under another form, but a full budget means "maybe unseen".
      ctx.limitedBy.add("max-pages");
      continue;
    }
    if (verdict === "too-deep") ctx.limitedBy.add("max-depth");
    if (verdict !== undefined) continue;
    if (!takeBudget(ctx, path)) {
      ctx.limitedBy.add("budget");
      continue;
    }
    ctx.queue.add({ url: target, depth: depth + 1 });
  }
}

function takeBudget(ctx: CrawlContext, path: string): boolean {
  const budgets = ctx.options.prefixBudgets;
  if (!budgets) return true;
  // The longest matching prefix decides, so "/docs/api/" can be tighter than "/docs/".
  const prefix = Object.keys(budgets)
    .filter((p) => path.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix === undefined) return true;
  const used = ctx.prefixCounts.get(prefix) ?? 0;
  if (used >= budgets[prefix]!) return false;
  ctx.prefixCounts.set(prefix, used + 1);
  return true;
}
