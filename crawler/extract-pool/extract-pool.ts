/**
 * A small pool of extraction worker threads. Each page gets a time budget: past it the worker is
 * terminated and replaced, and the page fails with EXTRACT_TIMEOUT while the next one goes on.
 * Workers are also recycled after a number of pages (DOM libraries grow a long-lived heap).
 *
 * When workers cannot start at all, the pool says so (`mode`, `onFallback`) and extracts in the
 * calling thread instead, still within the budget (in-thread.ts). A worker that crashes on a page
 * fails that page only; the page is never retried in the calling thread.
 */
import { Worker } from "node:worker_threads";
import { Config } from "../../schemas/config.js";
import { AgentwebError } from "../../schemas/errors.js";
import type { ExtractedPage } from "../extract/extract-page.js";
import { type ExtractResult, extractTimeout, extractWithin } from "./in-thread.js";

export { type ExtractResult, extractInline } from "./in-thread.js";

export interface ExtractPoolOptions {
  /** Worker threads; 0 extracts in the calling thread. */
  size: number;
  /** Time budget of one page in milliseconds (default: the config's `extractTimeoutMs`). */
  timeoutMs?: number;
  /** Told once, with the reason, when workers cannot start and extraction moves in-thread. */
  onFallback?: (reason: string) => void;
}

export interface ExtractPool {
  /** Extracts one page; rejects with EXTRACT_TIMEOUT past the budget (`timeoutMs` overrides it). */
  extract(html: string, url: string, options?: { timeoutMs?: number }): Promise<ExtractResult>;
  /** Where pages are extracted: on worker threads, or in the calling thread (size 0, or no worker could start). */
  readonly mode: "workers" | "in-thread";
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  done: number;
  /** Settles when the worker has loaded its modules, or failed to. */
  ready: Promise<void>;
  /** Rejects `ready` (a worker that died or was closed before it started). */
  abort: (err: Error) => void;
  /** Terminated (timed out, crashed, recycled): never handed out again. */
  retired: boolean;
}

type Reply =
  | { ready: true; threadId: number }
  | {
      id: number;
      extracted?: ExtractedPage;
      tokens?: ExtractResult["tokens"];
      threadId?: number;
      error?: string;
    };

interface Pending {
  resolve: (r: ExtractResult) => void;
  reject: (e: Error) => void;
  slot: Slot;
  timer: NodeJS.Timeout;
}

const RECYCLE_AFTER = 400;
/** A worker that has not loaded its modules by then is taken as unable to start. */
const STARTUP_MS = 60_000;

/** The one default lives in the config schema. */
const DEFAULT_TIMEOUT_MS = Config.shape.extractTimeoutMs.parse(undefined);

/**
 * A pool of `size` workers (a bare number), or as the options say.
 *
 * @example
 * const pool = createExtractPool({ size: 2, timeoutMs: 30_000 });
 * const { extracted, tokens } = await pool.extract(html, url);
 * await pool.close();
 */
export function createExtractPool(init: ExtractPoolOptions | number): ExtractPool {
  const options = typeof init === "number" ? { size: init } : init;
  const { size } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const slots: Slot[] = [];
  const waiting: (() => void)[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let inThread = size <= 0;
  let closed = false;
  /** Some worker has loaded: a later one that cannot is a fault of its own, not of the setup. */
  let anyStarted = false;

  function fallBack(reason: string): void {
    if (inThread) return;
    inThread = true;
    options.onFallback?.(reason);
    for (const w of waiting.splice(0)) w();
  }

  function retire(slot: Slot): void {
    if (slot.retired) return;
    slot.retired = true;
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    void slot.worker.terminate();
    waiting.shift()?.();
  }

  function failPending(slot: Slot, err: Error): void {
    for (const [id, p] of pending) {
      if (p.slot !== slot) continue;
      pending.delete(id);
      clearTimeout(p.timer);
      p.reject(err);
    }
  }

  function spawn(): Slot {
    const worker = startWorker();
    worker.unref();
    let started: () => void = () => {};
    let failed: (e: Error) => void = () => {};
    const slot: Slot = {
      worker,
      busy: false,
      done: 0,
      retired: false,
      ready: new Promise<void>((resolve, reject) => {
        started = resolve;
        failed = reject;
      }),
      abort: (err) => failed(err),
    };
    const startup = setTimeout(() => failed(new Error("worker did not start in time")), STARTUP_MS);
    startup.unref();
    slot.ready.then(
      () => clearTimeout(startup),
      () => clearTimeout(startup),
    );
    worker.on("message", (msg: Reply) => {
      if ("ready" in msg) {
        anyStarted = true;
        return started();
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error || !msg.extracted || !msg.tokens)
        p.reject(new AgentwebError("INTERNAL", `extraction failed: ${msg.error ?? "no result"}`));
      else p.resolve({ extracted: msg.extracted, tokens: msg.tokens, threadId: msg.threadId ?? -1 });
    });
    const died = (err: Error) => {
      failed(err);
      failPending(
        slot,
        new AgentwebError("INTERNAL", `extraction worker died: ${err.message}`, { cause: err }),
      );
      retire(slot);
    };
    worker.on("error", died);
    worker.on("exit", (code) => {
      if (!slot.retired) died(new Error(`worker exited with code ${code}`));
    });
    slots.push(slot);
    return slot;
  }

  /** A slot marked busy before it is handed out: callers in the same tick must not share one. */
  async function acquire(): Promise<Slot | undefined> {
    for (;;) {
      if (inThread || closed) return undefined;
      const free = slots.find((s) => !s.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      if (slots.length < size) {
        try {
          const slot = spawn();
          slot.busy = true;
          return slot;
        } catch (err) {
          fallBack(`extraction workers cannot start: ${(err as Error).message}`);
          return undefined;
        }
      }
      await new Promise<void>((r) => waiting.push(r));
    }
  }

  function run(slot: Slot, html: string, url: string, budget: number): Promise<ExtractResult> {
    return new Promise<ExtractResult>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        // The worker is stuck in synchronous code: only terminating it stops the work.
        retire(slot);
        reject(extractTimeout(url, budget));
      }, budget);
      pending.set(id, { resolve, reject, slot, timer });
      slot.worker.postMessage({ id, html, url });
    });
  }

  return {
    get mode() {
      return inThread ? "in-thread" : "workers";
    },
    async extract(html, url, call = {}) {
      const budget = call.timeoutMs ?? timeoutMs;
      const slot = await acquire();
      if (!slot) {
        if (closed) throw new AgentwebError("INTERNAL", "the extraction pool is closed");
        return extractWithin(html, url, budget);
      }
      try {
        try {
          await slot.ready;
        } catch (err) {
          if (closed) throw err;
          // No worker has run a page yet and this one cannot load: none will.
          if (!anyStarted) fallBack(`extraction workers cannot start: ${(err as Error).message}`);
          retire(slot);
          return extractWithin(html, url, budget);
        }
        return await run(slot, html, url, budget);
      } finally {
        slot.busy = false;
        slot.done += 1;
        if (slot.done >= RECYCLE_AFTER) retire(slot);
        waiting.shift()?.();
      }
    },
    async close() {
      closed = true;
      for (const w of waiting.splice(0)) w();
      await Promise.all(
        slots.splice(0).map((s) => {
          s.retired = true;
          const closedErr = new AgentwebError("INTERNAL", "the extraction pool was closed");
          s.abort(closedErr);
          failPending(s, closedErr);
          return s.worker.terminate();
        }),
      );
    },
  };
}

/**
 * The worker of this build: the compiled `.js` file, or under a TypeScript runner (tsx, vitest) the
 * `.ts` source loaded through tsx's loader, registered inside the worker because Node 20 does not
 * pass a parent's loader hooks on to worker threads.
 */
function startWorker(): Worker {
  const source = import.meta.url.endsWith(".ts");
  const file = new URL(source ? "./extract-worker.ts" : "./extract-worker.js", import.meta.url);
  if (!source) return new Worker(file);
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(boot, { eval: true });
}
