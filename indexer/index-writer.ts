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
 * Writes pages into the index as they arrive: chunks are stored (and full-text searchable) at once,
 * vectors follow in the background on the embedder's workers, and the full-text index is rebuilt
 * after 50, 200, 800 … pages. `finish()` waits for every vector,
 * then rebuilds the full-text index and compacts the table.
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
}) {
  const { store, embedder } = options;
  let pages = 0;
  let nextTextIndex = options.firstTextIndex ?? FIRST_TEXT_INDEX;
  let waiting: ChunkRow[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let embedded = 0;

  const embedBatch = (rows: ChunkRow[]) => {
    if (!embedder) return;
    const job = embedder
      .embed(rows.map(embeddingText))
      .then((vectors) => store.setVectors(rows, vectors))
      .then(() => {
        embedded += rows.length;
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

  return {
    /** Chunks and stores one page; returns its chunk count. */
    async addPage(page: Page): Promise<number> {
      if (failure) throw failure;
      const chunks = chunkMarkdown(page, { targetTokens: options.chunkTokens });
      const fresh = await store.replacePage(page, chunks);
      if (++pages >= nextTextIndex) {
        await store.buildTextIndex();
        nextTextIndex *= 4;
      }
      if (embedder) {
        waiting.push(...fresh);
        await drain(false);
      }
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
    async finish(): Promise<{ embedded: number }> {
      await drain(true);
      await Promise.all(inFlight);
      if (failure) throw failure;
      await store.buildTextIndex();
      if (embedder) await store.buildVectorIndex();
      await store.optimize();
      return { embedded };
    },
  };
}

export type IndexWriter = ReturnType<typeof createIndexWriter>;
