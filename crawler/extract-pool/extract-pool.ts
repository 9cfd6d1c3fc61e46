/**
 * A small pool of extraction worker threads. Workers are recycled after a number of pages (DOM
 * libraries grow a long-lived heap), and when workers cannot start (a test runner that cannot load
 * TypeScript in a worker) extraction runs in-thread instead: same result, only slower.
 */
import { Worker } from "node:worker_threads";
import { countTokens } from "../../schemas/tokens.js";
import { type ExtractedPage, extractPage } from "../extract/extract-page.js";

export interface ExtractResult {
  extracted: ExtractedPage;
  tokens: { html: number; markdown: number };
}

interface Slot {
  worker: Worker;
  busy: boolean;
  done: number;
}

type Reply = { id: number; extracted?: ExtractedPage; tokens?: ExtractResult["tokens"]; error?: string };

const RECYCLE_AFTER = 400;

/**
 * Extraction in the calling thread: the fallback, and what a pool of size 0 does.
 *
 * @example const { extracted, tokens } = extractInline(html, "https://x.dev/a");
 */
export function extractInline(html: string, url: string): ExtractResult {
  const extracted = extractPage(html, url);
  return { extracted, tokens: { html: countTokens(html), markdown: countTokens(extracted.markdown) } };
}

/**
 * @example
 * const pool = createExtractPool(2);
 * const { extracted, tokens } = await pool.extract(html, url);
 * await pool.close();
 */
export function createExtractPool(size: number) {
  // Built code runs .js workers; under tsx the sources are .ts and tsx's loader is inherited.
  const file = new URL(
    import.meta.url.endsWith(".ts") ? "./extract-worker.ts" : "./extract-worker.js",
    import.meta.url,
  );
  const slots: Slot[] = [];
  const waiting: (() => void)[] = [];
  const pending = new Map<
    number,
    { resolve: (r: ExtractResult) => void; reject: (e: Error) => void; slot: Slot }
  >();
  let nextId = 0;
  let broken = size <= 0;

  function spawn(): Slot {
    const worker = new Worker(file);
    const slot: Slot = { worker, busy: false, done: 0 };
    worker.on("message", (msg: Reply) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.error || !msg.extracted || !msg.tokens) p.reject(new Error(msg.error ?? "extraction failed"));
      else p.resolve({ extracted: msg.extracted, tokens: msg.tokens });
    });
    worker.on("error", (err) => {
      // Cannot load or crashed: its pages are redone in-thread, and no more workers are started.
      broken = true;
      for (const [id, p] of pending) {
        if (p.slot !== slot) continue;
        pending.delete(id);
        p.reject(err);
      }
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      for (const w of waiting.splice(0)) w();
    });
    slots.push(slot);
    return slot;
  }

  async function acquire(): Promise<Slot | undefined> {
    for (;;) {
      if (broken) return undefined;
      const free = slots.find((s) => !s.busy);
      if (free) return free;
      if (slots.length < size) {
        try {
          return spawn();
        } catch {
          broken = true;
          return undefined;
        }
      }
      await new Promise<void>((r) => waiting.push(r));
    }
  }

  return {
    async extract(html: string, url: string): Promise<ExtractResult> {
      const slot = await acquire();
      if (!slot) return extractInline(html, url);
      slot.busy = true;
      const id = nextId++;
      try {
        return await new Promise<ExtractResult>((resolve, reject) => {
          pending.set(id, { resolve, reject, slot });
          slot.worker.postMessage({ id, html, url });
        });
      } catch {
        return extractInline(html, url);
      } finally {
        slot.busy = false;
        slot.done += 1;
        if (slot.done >= RECYCLE_AFTER && slots.includes(slot)) {
          slots.splice(slots.indexOf(slot), 1);
          void slot.worker.terminate();
        }
        waiting.shift()?.();
      }
    },
    async close(): Promise<void> {
      broken = true;
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}

export type ExtractPool = ReturnType<typeof createExtractPool>;
