/**
 * Worker thread body: extraction and token counting, the crawl's CPU-heavy steps, off the main
 * thread so fetching never waits behind a large page.
 */
import { parentPort } from "node:worker_threads";
import { countTokens } from "../../schemas/tokens.js";
import { extractPage } from "../extract/extract-page.js";

parentPort?.on("message", (msg: { id: number; html: string; url: string }) => {
  try {
    const extracted = extractPage(msg.html, msg.url);
    const tokens = { html: countTokens(msg.html), markdown: countTokens(extracted.markdown) };
    parentPort?.postMessage({ id: msg.id, extracted, tokens });
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
