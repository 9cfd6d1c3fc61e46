/**
 * Worker thread body: extraction and token counting, the crawl's CPU-heavy steps, off the main
 * thread so fetching never waits behind a large page. It says "ready" once its modules are loaded,
 * so that a page's time budget never pays for the worker's start.
 */
import { parentPort, threadId } from "node:worker_threads";
import { countTokens } from "../../schemas/tokens.js";
import { extractPage } from "../extract/extract-page.js";

parentPort?.on("message", (msg: { id: number; html: string; url: string }) => {
  try {
    const extracted = extractPage(msg.html, msg.url);
    const tokens = { html: countTokens(msg.html), markdown: countTokens(extracted.markdown) };
    parentPort?.postMessage({ id: msg.id, extracted, tokens, threadId });
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
parentPort?.postMessage({ ready: true, threadId });
