import { assertEmbedderMatches } from "../../indexer/embed/check-embedder.js";
import type { Embedder } from "../../indexer/embed/embedder.js";
import { indexDims, startEmbedder } from "../../indexer/embed/start-embedder.js";
import { type DataDir, openDataDir } from "../../indexer/store/data-dir.js";
import { openStore, type Store } from "../../indexer/store/store.js";
import { storedVectorWidth } from "../../indexer/store/vector-width.js";
import type { Config } from "../../schemas/config.js";
import { AgentwebError } from "../../schemas/errors.js";

/** An open data dir: its store, its embedder (started on first use) and, for writers, the lock. */
export interface IndexHandle {
  config: Config;
  dataDir: DataDir;
  store: Store;
  /** True for the data dir's one writer; any other handle refuses writes (see assertWritable). */
  writable: boolean;
  /** The configured embedder, started on first call (workers load a model each); undefined when off. */
  embedder(): Promise<Embedder | undefined>;
  close(): Promise<void>;
}

/**
 * Opens the index in `config.data`. A writer takes the one-writer lock first and creates the dir;
 * a reader takes no lock, needs an existing index, and sees other processes' commits within
 * `config.readConsistencySec`.
 *
 * @example
 * const index = await openIndex(config, { write: true, owner: "crawl" });
 * try { ... } finally { await index.close(); }
 */
export async function openIndex(
  config: Config,
  access: { write: boolean; owner: string },
): Promise<IndexHandle> {
  const dataDir = openDataDir(config.data, { create: access.write });
  const release = access.write ? dataDir.lockWriter(access.owner) : () => {};
  try {
    // An existing index keeps the width it was created with, whatever the configured embedder.
    const dims = (await storedVectorWidth(dataDir.indexDir)) ?? indexDims(config);
    const store = await openStore({
      dir: dataDir.indexDir,
      dims,
      readConsistencySec: config.readConsistencySec,
      readOnly: !access.write,
    });
    let embedder: Promise<Embedder | undefined> | undefined;
    return {
      config,
      dataDir,
      store,
      writable: access.write,
      embedder() {
        embedder ??= startEmbedder(config).then(async (e) => {
          try {
            if (e) assertEmbedderMatches(dataDir.readMeta(), e);
            if (e && e.dims !== store.dims) {
              throw new AgentwebError(
                "INVALID_INPUT",
                `${e.name} makes ${e.dims}-d vectors and this index holds ${store.dims}-d ones; index with it in a new --data dir`,
              );
            }
          } catch (err) {
            await e?.close();
            throw err;
          }
          return e;
        });
        return embedder;
      },
      async close() {
        await (await embedder?.catch(() => undefined))?.close();
        store.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * Refuses a write through a handle that is not the data dir's writer (a read-only replica, a CLI
 * reader), naming what was refused, before anything is fetched or changed.
 *
 * @example assertWritable(index, "start a crawl");
 */
export function assertWritable(index: IndexHandle, action: string): void {
  if (index.writable) return;
  throw new AgentwebError(
    "READ_ONLY",
    `${index.config.data} is open read-only here (a replica): cannot ${action}; send writes to its writer (a server or CLI run without --read-only)`,
    { data: { action } },
  );
}
