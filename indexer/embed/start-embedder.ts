import type { Config } from "../../schemas/config.js";
import { AgentwebError } from "../../schemas/errors.js";
import type { Embedder } from "./embedder.js";
import { onnxModelDims } from "./onnx-embedder.js";

/** Dimensions of the bundled encoder; an index built without an embedder keeps room for it. */
const BUNDLED_DIMS = 512;

/** The vector width a new index is created with: the configured embedder's, known before it starts. */
export function indexDims(config: Config): number {
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
    const { createBundledEmbedder } = await import("./bundled-embedder.js");
    return createBundledEmbedder({ workers: config.embedWorkers });
  }
  if (config.embedder === "openai") {
    if (!config.embedderUrl || !config.embedderModel) {
      throw new AgentwebError(
        "BAD_USAGE",
        "embedder=openai needs embedderUrl and embedderModel (AGENTWEB_EMBEDDER_URL, AGENTWEB_EMBEDDER_MODEL)",
      );
    }
    const { createOpenAiEmbedder } = await import("./openai-embedder.js");
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
    const { createOnnxEmbedder } = await import("./onnx-embedder.js");
    return createOnnxEmbedder({
      modelPath: config.embedderModelPath,
      allowRemote: config.embedderAllowRemote,
    });
  }
  if (config.embedder !== "static") return undefined;
  const { createStaticEmbedder } = await import("./static-embedder.js");
  return createStaticEmbedder();
}
