/**
 * The source of one embedding worker thread. It is kept as a string and started with
 * `{ eval: true }` so the same code runs from compiled JS and from TypeScript sources under the
 * test runner (a worker file would need a TS loader there); module URLs are resolved by the parent.
 */
export const BUNDLED_WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { initModel } = await import(workerData.embeddingsUrl);
  const { modelSource } = await import(workerData.modelUrl);
  const model = await initModel(modelSource);
  parentPort.postMessage({ ready: true });
  parentPort.on("message", async ({ id, texts }) => {
    try {
      const vectors = await model.embed(texts);
      const flat = new Float32Array(vectors.length * workerData.dims);
      vectors.forEach((v, i) => flat.set(v, i * workerData.dims));
      parentPort.postMessage({ id, flat }, [flat.buffer]);
    } catch (err) {
      parentPort.postMessage({ id, error: String(err && err.message || err) });
    }
  });
})().catch((err) => parentPort.postMessage({ fatal: String(err && err.stack || err) }));
`;
