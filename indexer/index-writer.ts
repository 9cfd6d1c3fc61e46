import type { Chunk } from "../schemas/chunk.js";
import type { Page } from "../schemas/page.js";
import { chunkMarkdown } from "./chunk/chunk-markdown.js";
import type { Embedder } from "./embed/embedder.js";
import { embeddingText } from "./embed/embedding-text.js";
import type { ChunkRow } from "./store/rows.js";
import type { Store } from "./store/store.js";

const EMBED_BATCH = 32;

/**
 * Pages after which the full-text index is first rebuilt mid-crawl, then after 4×, 16× … as many.
 * While the index is empty (a first crawl), LanceDB 0.31 scores unindexed rows with a term's total
 * count instead of its document count, so a frequent term matches nothing until the index holds
 * rows; rebuilding on a ×4 schedule costs at most a third of the final rebuild.
 */
const FIRST_TEXT_INDEX = 50;

/**
 * How pages are grouped into commits. Every LanceDB commit writes a manifest and a data file and
 * every merge joins against the table, so one commit per page makes a crawl slower as the index
 * grows; a batch is written once it holds this many pages or chunks, or once its first page has
 * waited this long (a slow crawl stays searchable within seconds).
 */
export interface WriteBatching {
  pages: number;
  chunks: number;
  waitMs: number;
}

const BATCHING: WriteBatching = { pages: 64, chunks: 2000, waitMs: 2000 };

/** Vectors made in the background are written this many rows per commit. */
const VECTOR_COMMIT_ROWS = 512;

/**
 * Writes pages into the index in batches: a batch's chunks and pages are stored in one commit per
 * table and are full-text searchable at once. An `inline` embedder (cheap, in-thread) fills the
 * vectors before the commit; a slower one embeds in the background on its workers and its vectors
 * are written in large commits. The full-text index is rebuilt after 50, 200, 800 … pages.
 * `finish()` writes what is left, waits for every vector, then rebuilds the full-text index and
 * compacts the tables.
 *
 * @example
 * const writer = createIndexWriter({ store, embedder, chunkTokens: 256 });
 * for await (const page of pages) await writer.addPage(page);
 * await writer.finish();
 */
export function createIndexWriter(options: {
  store: Store;
  embedder: Embedder | undefined;
  chunkTokens: number;
  /** Pages before the first mid-crawl rebuild of the full-text index (then ×4 each time). */
  firstTextIndex?: number;
  batching?: Partial<WriteBatching>;
}) {
  const { store, embedder } = options;
  const batching = { ...BATCHING, ...options.batching };
  let stored = 0;
  let nextTextIndex = options.firstTextIndex ?? FIRST_TEXT_INDEX;
  let batch: { page: Page; chunks: Chunk[] }[] = [];
  let batchChunks = 0;
  let timer: NodeJS.Timeout | undefined;
  let waiting: ChunkRow[] = [];
  let vectorsDone: { rows: ChunkRow[]; vectors: Float32Array[] } = { rows: [], vectors: [] };
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let embedded = 0;
  // Every commit goes through this chain: one writer per table, in order.
  let commits: Promise<void> = Promise.resolve();
  const commit = (work: () => Promise<void>): Promise<void> => {
    const next = commits.then(work);
    commits = next.catch((err) => {
      failure ??= err;
    });
    return next;
  };
  const inline = embedder?.inline
    ? async (rows: ChunkRow[]) => {
        const vectors = await embedder.embed(rows.map(embeddingText));
        embedded += rows.length;
        return vectors;
      }
    : undefined;

  const writeVectors = (all: boolean): Promise<void> => {
    if (vectorsDone.rows.length === 0 || (!all && vectorsDone.rows.length < VECTOR_COMMIT_ROWS))
      return Promise.resolve();
    const { rows, vectors } = vectorsDone;
    vectorsDone = { rows: [], vectors: [] };
    return commit(async () => {
      await store.setVectors(rows, vectors);
      embedded += rows.length;
    });
  };

  const embedBatch = (rows: ChunkRow[]) => {
    if (!embedder) return;
    const job = embedder
      .embed(rows.map(embeddingText))
      .then((vectors) => {
        vectorsDone.rows.push(...rows);
        vectorsDone.vectors.push(...vectors);
        return writeVectors(false);
      })
      .catch((err) => {
        failure ??= err;
      })
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
  };

  const drain = async (all: boolean) => {
    while (waiting.length >= (all ? 1 : EMBED_BATCH)) {
      // Keep at most two batches in flight: enough to keep the workers busy, bounded memory.
      while (inFlight.size >= 2) await Promise.race(inFlight);
      embedBatch(waiting.slice(0, EMBED_BATCH));
      waiting = waiting.slice(EMBED_BATCH);
    }
  };

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (batch.length === 0) return commits;
    const pages = batch;
    batch = [];
    batchChunks = 0;
    return commit(async () => {
      const fresh = await store.replacePages(pages, inline);
      stored += pages.length;
      if (stored >= nextTextIndex) {
        await store.buildTextIndex();
        while (nextTextIndex <= stored) nextTextIndex *= 4;
      }
      waiting.push(...fresh);
    }).then(() => drain(false));
  };

  const check = () => {
    if (failure) throw failure;
  };

  const settle = async () => {
    await flush();
    await drain(true);
    await Promise.all(inFlight);
    await writeVectors(true);
    await commits;
    check();
  };

  return {
    /** Chunks a page and queues it for the next commit; returns its chunk count. */
    async addPage(page: Page): Promise<number> {
      check();
      const chunks = chunkMarkdown(page, { targetTokens: options.chunkTokens });
      batch.push({ page, chunks });
      batchChunks += chunks.length;
      if (batch.length >= batching.pages || batchChunks >= batching.chunks) await flush();
      else
        timer ??= setTimeout(() => {
          flush().catch(() => {});
        }, batching.waitMs);
      check();
      return chunks.length;
    },
    /** Embeds what was left waiting by an earlier, interrupted run. */
    async resumePending(): Promise<number> {
      if (!embedder) return 0;
      const pending = await store.pendingChunks();
      waiting.push(...pending);
      await drain(false);
      return pending.length;
    },
    /** Removes a stored page, in order with the commits before it. */
    async deletePage(url: string): Promise<void> {
      check();
      await commit(() => store.deletePage(url));
    },
    /** Writes the pages added so far (they are then searchable and survive a crash). */
    async flush(): Promise<void> {
      await flush();
      check();
    },
    /** Writes every page added so far with its vectors, leaving the indexes as they are (a one-page update). */
    async settle(): Promise<{ embedded: number }> {
      await settle();
      return { embedded };
    },
    async finish(): Promise<{ embedded: number }> {
      await settle();
      await store.buildTextIndex();
      if (embedder) await store.buildVectorIndex();
      await store.optimize();
      return { embedded };
    },
  };
}

export type IndexWriter = ReturnType<typeof createIndexWriter>;
