import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import { AgentwebError } from "../../schemas/errors.js";
import type { Embedder } from "./embedder.js";

/** Texts per forward pass: padded to the longest in the batch, so larger batches waste work. */
const BATCH = 32;

/** The optional package this embedder runs on; a variable so that nothing else ever loads it. */
const TRANSFORMERS = "@huggingface/transformers";

/** How to install it: onnxruntime-node's install script otherwise downloads CUDA binaries. */
export const ONNX_INSTALL_HINT = "ONNXRUNTIME_NODE_INSTALL=skip npm install @huggingface/transformers@4.3.1";

/** The part of transformers.js used here (its own types stay out of agentweb's public surface). */
interface Transformers {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(
    task: "feature-extraction",
    model: string,
    options: Record<string, unknown>,
  ): Promise<FeatureExtractor>;
}
type FeatureExtractor = ((
  texts: string[],
  options: { pooling: "mean"; normalize: boolean },
) => Promise<{ dims: number[]; data: Float32Array }>) & { dispose(): Promise<void> };

/**
 * Width of a local model's vectors, from its config.json (`hidden_size`, or the names other
 * architectures use), without loading the model: the index is created with it before the model starts.
 *
 * @example onnxModelDims("./models/all-MiniLM-L6-v2") // 384
 */
export function onnxModelDims(modelPath: string): number | undefined {
  try {
    const config = JSON.parse(readFileSync(join(modelPath, "config.json"), "utf8"));
    const dims = config.hidden_size ?? config.d_model ?? config.dim ?? config.n_embd;
    return Number.isInteger(dims) && dims > 0 ? dims : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Imports transformers.js on demand; when it is not installed, a BAD_USAGE error says how to
 * install it. `specifier` exists for tests.
 *
 * @example const { pipeline, env } = await loadTransformers();
 */
export async function loadTransformers(specifier = TRANSFORMERS): Promise<Transformers> {
  try {
    return (await import(specifier)) as Transformers;
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new AgentwebError(
        "BAD_USAGE",
        `embedder=onnx needs the optional package ${TRANSFORMERS}, which is not installed; install it with \`${ONNX_INSTALL_HINT}\``,
        { cause },
      );
    }
    throw new AgentwebError("EMBEDDER_FAILED", `${TRANSFORMERS} failed to load: ${String(cause)}`, {
      cause,
    });
  }
}

/**
 * A local ONNX model run by transformers.js (an optional dependency, imported only here): a
 * feature-extraction pipeline with mean pooling and unit-length vectors, as sentence-transformers
 * models expect. `modelPath` is a directory in the transformers.js layout (config.json,
 * tokenizer.json, tokenizer_config.json, onnx/model.onnx). Remote models stay off: nothing is
 * downloaded unless `allowRemote` is set, in which case a `modelPath` that is no directory is
 * taken as a Hugging Face Hub model id. The width is read from the model's output.
 *
 * @example
 * const embedder = await createOnnxEmbedder({ modelPath: "./models/all-MiniLM-L6-v2" });
 * const [v] = await embedder.embed(["how do I configure retries"]); // 384 numbers, unit length
 */
export async function createOnnxEmbedder(options: {
  modelPath: string;
  allowRemote?: boolean | undefined;
}): Promise<Embedder> {
  const allowRemote = options.allowRemote ?? false;
  const dir = resolve(options.modelPath);
  const local = existsSync(join(dir, "config.json"));
  if (!local && !allowRemote) {
    throw new AgentwebError(
      "BAD_USAGE",
      `embedder=onnx: no model at ${dir} (expected config.json, tokenizer.json and onnx/model.onnx there); set embedderModelPath (AGENTWEB_EMBEDDER_MODEL_PATH) to a local model directory`,
      { data: { modelPath: dir } },
    );
  }
  const transformers = await loadTransformers();
  // Global settings of the library: set on every start so that one embedder's choice never leaks
  // into the next.
  transformers.env.allowRemoteModels = allowRemote;
  transformers.env.allowLocalModels = local;
  if (local) transformers.env.localModelPath = dirname(dir) + sep;
  const modelId = local ? basename(dir) : options.modelPath;
  let extractor: FeatureExtractor;
  try {
    extractor = await transformers.pipeline("feature-extraction", modelId, {
      dtype: "fp32",
      device: "cpu",
      local_files_only: !allowRemote,
    });
  } catch (cause) {
    throw new AgentwebError(
      "EMBEDDER_FAILED",
      `embedder=onnx could not load the model ${local ? dir : modelId}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause, data: { modelPath: local ? dir : modelId } },
    );
  }
  const run = async (texts: string[]): Promise<Float32Array[]> => {
    let out: { dims: number[]; data: Float32Array };
    try {
      out = await extractor(texts, { pooling: "mean", normalize: true });
    } catch (cause) {
      throw new AgentwebError("EMBEDDER_FAILED", `embedder=onnx failed: ${String(cause)}`, { cause });
    }
    const width = out.dims.at(-1)!;
    return texts.map((_, i) => out.data.slice(i * width, (i + 1) * width));
  };
  const dims = (await run(["dimension probe"]))[0]!.length;
  return {
    name: `onnx:${modelId}`,
    dims,
    async embed(texts) {
      const vectors: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) vectors.push(...(await run(texts.slice(i, i + BATCH))));
      return vectors;
    },
    async close() {
      await extractor.dispose();
    },
  };
}
