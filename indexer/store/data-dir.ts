import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AgentwebError } from "../../schemas/errors.js";
import { takeWriterLock } from "./writer-lock.js";

/** Bumped when the on-disk layout changes; an index of another version gets a clear message. */
export const FORMAT_VERSION = 1;

/** What the data dir records about each indexed site. */
export interface SiteRecord {
  site: string;
  startUrl: string;
  embedder: string;
  dims: number;
  lastCrawl?: { startedAt: string; finishedAt: string; ok: number; skipped: number; failed: number };
}

export interface DataDirMeta {
  formatVersion: number;
  sites: Record<string, SiteRecord>;
}

/**
 * The data dir: `index/` (LanceDB), `meta.json` (format version, sites) and `writer.lock`.
 *
 * @example
 * const dir = openDataDir("./.agentweb");
 * const release = dir.lockWriter("crawl");
 */
export function openDataDir(root: string, options: { create?: boolean } = {}) {
  const metaPath = join(root, "meta.json");
  const lockPath = join(root, "writer.lock");
  if (!existsSync(root)) {
    if (!options.create)
      throw new AgentwebError(
        "NOT_FOUND",
        `no index at ${root} (run \`agentweb crawl URL --data ${root}\` first)`,
      );
    mkdirSync(root, { recursive: true });
  }
  const readMeta = (): DataDirMeta => {
    if (!existsSync(metaPath)) return { formatVersion: FORMAT_VERSION, sites: {} };
    let meta: DataDirMeta;
    try {
      meta = JSON.parse(readFileSync(metaPath, "utf8"));
    } catch (cause) {
      throw new AgentwebError("DATA_FORMAT_MISMATCH", `${metaPath} is not readable JSON`, { cause });
    }
    if (meta.formatVersion !== FORMAT_VERSION) {
      const which = meta.formatVersion > FORMAT_VERSION ? "a newer" : "an older";
      throw new AgentwebError(
        "DATA_FORMAT_MISMATCH",
        `${root} was written by ${which} agentweb (format ${meta.formatVersion}, this one reads ${FORMAT_VERSION}); use a matching version or a new --data dir`,
      );
    }
    return meta;
  };
  readMeta();
  // A reader creates nothing: opening a missing index would make its directory.
  if (!options.create && !existsSync(join(root, "index")))
    throw new AgentwebError(
      "NOT_FOUND",
      `no index in ${root} yet (a writer creates it with its first crawl)`,
    );
  return {
    root,
    indexDir: join(root, "index"),
    readMeta,
    /** Atomic: a crash leaves the old meta.json or the new one, never half of one. */
    writeMeta(update: (meta: DataDirMeta) => void): DataDirMeta {
      const meta = readMeta();
      update(meta);
      const tmp = `${metaPath}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(meta, null, 2)}\n`);
      renameSync(tmp, metaPath);
      return meta;
    },
    /** Takes the one-writer lock, or explains who holds it. Returns the release function. */
    lockWriter(owner: string): () => void {
      return takeWriterLock(lockPath, owner, root);
    },
  };
}

export type DataDir = ReturnType<typeof openDataDir>;
