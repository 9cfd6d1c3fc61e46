import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A fresh temporary directory and its cleanup.
 *
 * @example
 * const tmp = tempDir(); try { ... tmp.path ... } finally { tmp.remove(); }
 */
export function tempDir(prefix = "agentweb-test-"): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
