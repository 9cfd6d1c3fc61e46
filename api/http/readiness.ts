import type { Hono } from "hono";
import type { IndexHandle } from "../ops/index-handle.js";

/** A probe answers within this; a store that takes longer is as good as unreachable to a balancer. */
const PROBE_TIMEOUT_MS = 5000;

/**
 * `/readyz`: whether this server can answer reads now — its data dir's metadata parses and its
 * index answers a version query — apart from `/healthz`, which says only that the process runs.
 * A balancer sends traffic to ready replicas; an orchestrator restarts unhealthy ones. Not ready
 * is 503 with the reason.
 *
 * @example registerReadiness(app, index); // GET /readyz → { status: "ready", writable: false, version: 12 }
 */
export function registerReadiness(app: Hono, index: IndexHandle): void {
  app.get("/readyz", async (c) => {
    try {
      index.dataDir.readMeta();
      const version = await withTimeout(index.store.version(), PROBE_TIMEOUT_MS);
      return c.json({ status: "ready", writable: index.writable, version });
    } catch (err) {
      const reason = err instanceof Error ? err.message.replace(/\s*\n\s*/g, " ") : String(err);
      return c.json({ status: "unavailable", reason: `index not readable: ${reason}` }, 503);
    }
  });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
