import type { Embedder } from "../../indexer/embed/embedder.js";
import { embeddingText } from "../../indexer/embed/embedding-text.js";
import { AgentwebError } from "../../schemas/errors.js";
import { assertWritable, type IndexHandle } from "./index-handle.js";

/** The embedder a config names, for the CLI to start before a reindex. */
export { startEmbedder } from "../../indexer/embed/start-embedder.js";

const BATCH = 256;

/**
 * Rebuilds every vector of the index with `embedder`, without re-crawling: all chunks are marked
 * pending, then embedded and stored batch by batch (an interrupted run leaves the rest pending and
 * a second run finishes them), and each site's record names the new embedder.
 *
 * @example const { embedded } = await reindexVectors(index, await startEmbedder(config));
 */
export async function reindexVectors(
  index: IndexHandle,
  embedder: Embedder,
  onProgress: (embedded: number) => void = () => {},
): Promise<{ embedded: number; embedder: string }> {
  assertWritable(index, "re-embed the index");
  if (embedder.dims !== index.store.dims) {
    throw new AgentwebError(
      "INVALID_INPUT",
      `${embedder.name} makes ${embedder.dims}-d vectors and this index holds ${index.store.dims}-d ones; index with it in a new --data dir`,
    );
  }
  await index.store.markAllPending();
  let embedded = 0;
  for (;;) {
    const rows = await index.store.pendingChunks(BATCH);
    if (rows.length === 0) break;
    await index.store.setVectors(rows, await embedder.embed(rows.map(embeddingText)));
    embedded += rows.length;
    onProgress(embedded);
  }
  index.dataDir.writeMeta((meta) => {
    for (const record of Object.values(meta.sites)) {
      record.embedder = embedder.name;
      record.dims = embedder.dims;
    }
  });
  await index.store.buildVectorIndex();
  await index.store.optimize();
  return { embedded, embedder: embedder.name };
}
