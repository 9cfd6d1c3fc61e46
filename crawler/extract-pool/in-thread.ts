/**
 * Extraction in the calling thread, the pool's fallback: unbounded (extractInline) for callers that
 * own their thread (the CLI), and bounded (extractWithin) for the pool when no worker can run. A
 * worker can be terminated; the calling thread cannot, so the bound comes from `vm`'s watchdog,
 * which interrupts synchronous code at the deadline whichever realm it was defined in.
 */

import vm from "node:vm";
import { threadId } from "node:worker_threads";
import { AgentwebError } from "../../schemas/errors.js";
import { countTokens } from "../../schemas/tokens.js";
import { type ExtractedPage, extractPage } from "../extract/extract-page.js";

export interface ExtractResult {
  extracted: ExtractedPage;
  tokens: { html: number; markdown: number };
  /** The thread that extracted the page (`threadId` of node:worker_threads; the main thread is 0). */
  threadId?: number;
}

/**
 * Extraction in the calling thread, without a time limit.
 *
 * @example const { extracted, tokens } = extractInline(html, "https://x.dev/a");
 */
export function extractInline(html: string, url: string): ExtractResult {
  const extracted = extractPage(html, url);
  return {
    extracted,
    tokens: { html: countTokens(html), markdown: countTokens(extracted.markdown) },
    threadId,
  };
}

/**
 * The error of a page that used up its extraction budget.
 *
 * @example throw extractTimeout("https://x.dev/a", 30_000);
 */
export function extractTimeout(url: string, timeoutMs: number): AgentwebError {
  return new AgentwebError("EXTRACT_TIMEOUT", `extracting ${url} took longer than ${timeoutMs} ms`, {
    data: { url, timeoutMs },
  });
}

const context = vm.createContext({ run: undefined as (() => void) | undefined });
const runScript = new vm.Script("run()");

/**
 * Extraction in the calling thread, interrupted at `timeoutMs` with EXTRACT_TIMEOUT.
 *
 * @example const result = extractWithin(html, "https://x.dev/a", 30_000);
 */
export function extractWithin(html: string, url: string, timeoutMs: number): ExtractResult {
  let result: ExtractResult | undefined;
  context.run = () => {
    result = extractInline(html, url);
  };
  try {
    runScript.runInContext(context, { timeout: timeoutMs });
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT")
      throw extractTimeout(url, timeoutMs);
    throw err;
  } finally {
    context.run = undefined;
  }
  if (!result) throw new AgentwebError("INTERNAL", `extraction of ${url} returned nothing`);
  return result;
}
