/**
 * A crawl's resumable state: every URL it has queued (with its depth) and every URL it has finished
 * (with what a re-crawl needs: ETag, Last-Modified, sitemap lastmod, content hash). Written by us,
 * atomically (temp file + rename), so a crawl killed at any moment leaves either the previous state
 * or the next one, never half a file. Crawlee's own storage files are not written this way.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const VERSION = 1;

/** What a finished URL left behind. */
export interface DoneEntry {
  status: "page" | "skipped" | "failed";
  code?: string;
  contentHash?: string;
  etag?: string;
  lastModified?: string;
  lastmod?: string;
}

export interface CrawlStateFile {
  version: number;
  id: string;
  startUrl: string;
  /** True once a crawl ran to its end; the next run is then an incremental re-crawl. */
  finished: boolean;
  seen: Record<string, number>;
  done: Record<string, DoneEntry>;
  updatedAt: string;
}

/**
 * A crawl's id: a hash of its seed and scope options, so the same command finds its own state.
 *
 * @example crawlId({ startUrl: "https://x.dev/", include: [], exclude: [], maxDepth: 20 }) // "3f9c…"
 */
export function crawlId(o: {
  startUrl: string;
  include: string[];
  exclude: string[];
  maxDepth: number;
}): string {
  const key = JSON.stringify([o.startUrl, [...o.include].sort(), [...o.exclude].sort(), o.maxDepth]);
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

/**
 * Opens (or starts) the state of one crawl under `dir`. `fresh` discards what was there.
 *
 * @example
 * const state = openCrawlState("/data/crawls", id, startUrl, { fresh: false });
 * if (state.previous && !state.previous.finished) resumeFrom(state.previous);
 */
export function openCrawlState(
  dir: string,
  id: string,
  startUrl: string,
  options: { fresh?: boolean; saveEveryMs?: number; now?: () => number } = {},
) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${id}.json`);
  if (options.fresh) rmSync(path, { force: true });
  const previous = readState(path, id);
  const now = options.now ?? Date.now;
  const current: CrawlStateFile = {
    version: VERSION,
    id,
    startUrl,
    finished: false,
    // A resumed crawl carries on from where it stopped; a re-crawl starts a new frontier.
    seen: previous && !previous.finished ? { ...previous.seen } : {},
    done: previous && !previous.finished ? { ...previous.done } : {},
    updatedAt: new Date(now()).toISOString(),
  };
  let lastSave = 0;
  let dirty = false;

  function save(): void {
    current.updatedAt = new Date(now()).toISOString();
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(current));
    renameSync(tmp, path);
    lastSave = now();
    dirty = false;
  }

  return {
    path,
    previous,
    current,
    markSeen(url: string, depth: number): void {
      if (current.seen[url] === undefined) {
        current.seen[url] = depth;
        dirty = true;
      }
    },
    markDone(url: string, entry: DoneEntry): void {
      current.done[url] = entry;
      dirty = true;
      if (now() - lastSave >= (options.saveEveryMs ?? 500)) save();
    },
    /** Writes now if anything changed; `finished` marks a crawl that ran to its end. */
    flush(finished = false): void {
      if (finished) current.finished = true;
      if (dirty || finished) save();
    },
  };
}

export type CrawlState = ReturnType<typeof openCrawlState>;

function readState(path: string, id: string): CrawlStateFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as CrawlStateFile;
    // Another format or another crawl's file: start over rather than guess.
    return parsed.version === VERSION && parsed.id === id ? parsed : undefined;
  } catch {
    return undefined;
  }
}
