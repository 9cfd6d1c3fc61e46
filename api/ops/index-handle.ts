import { assertEmbedderMatches } from "../../indexer/embed/check-embedder.js";
import type { Embedder } from "../../indexer/embed/embedder.js";
import { onnxModelDims } from "../../indexer/embed/onnx-embedder.js";
import { type DataDir, openDataDir } from "../../indexer/store/data-dir.js";
import { openStore, type Store } from "../../indexer/store/store.js";
import { storedVectorWidth } from "../../indexer/store/vector-width.js";
import type { Config } from "../../schemas/config.js";
import { AgentwebError } from "../../schemas/errors.js";

/** Dimensions of the bundled encoder; an index built without an embedder keeps room for it. */
const BUNDLED_DIMS = 512;

/** An open data dir: its store, its embedder (started on first use) and, for writers, the lock. */
export interface IndexHandle {
  config: Config;
  dataDir: DataDir;
  store: Store;
  /** The configured embedder, started on first call (workers load a model each); undefined when off. */
  embedder(): Promise<Embedder | undefined>;
  close(): Promise<void>;
}

/**
 * Opens the index in `config.data`. A writer takes the one-writer lock first and creates the dir;
 * a reader needs an existing index and sees new commits within a second.
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
    const store = await openStore({ dir: dataDir.indexDir, dims, readConsistencySec: 1 });
    let embedder: Promise<Embedder | undefined> | undefined;
    return {
      config,
      dataDir,
      store,
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

/** The vector width a new index is created with: the configured embedder's, known before it starts. */
function indexDims(config: Config): number {
  if (config.embedder === "openai") return config.embedderDims;
  if (config.embedder === "onnx")
    return (config.embedderModelPath && onnxModelDims(config.embedderModelPath)) || config.embedderDims;
  return BUNDLED_DIMS;
}

/**
 * The configured embedder, started (bundled: worker threads loading a model each), or undefined
 * for `none`. No check against the index: `reindex` uses it to replace the index's vectors.
 *
 * @example const embedder = await startEmbedder(config);
 */
export async function startEmbedder(config: Config): Promise<Embedder | undefined> {
  // Each embedder is loaded when chosen: a text search should not pay for a model's libraries.
  if (config.embedder === "bundled") {
    const { createBundledEmbedder } = await import("../../indexer/embed/bundled-embedder.js");
    return createBundledEmbedder({ workers: config.embedWorkers });
  }
  if (config.embedder === "openai") {
    if (!config.embedderUrl || !config.embedderModel) {
      throw new AgentwebError(
        "BAD_USAGE",
        "embedder=openai needs embedderUrl and embedderModel (AGENTWEB_EMBEDDER_URL, AGENTWEB_EMBEDDER_MODEL)",
      );
    }
    const { createOpenAiEmbedder } = await import("../../indexer/embed/openai-embedder.js");
    return createOpenAiEmbedder({
      baseUrl: config.embedderUrl,
      model: config.embedderModel,
      apiKey: config.embedderApiKey,
      dims: config.embedderDims,
    });
  }
  if (config.embedder === "onnx") {
    if (!config.embedderModelPath) {
      throw new AgentwebError(
        "BAD_USAGE",
        "embedder=onnx needs embedderModelPath (AGENTWEB_EMBEDDER_MODEL_PATH): a local model directory",
      );
    }
    const { createOnnxEmbedder } = await import("../../indexer/embed/onnx-embedder.js");
    return createOnnxEmbedder({
      modelPath: config.embedderModelPath,
      allowRemote: config.embedderAllowRemote,
    });
  }
  if (config.embedder !== "static") return undefined;
  const { createStaticEmbedder } = await import("../../indexer/embed/static-embedder.js");
  return createStaticEmbedder();
}
