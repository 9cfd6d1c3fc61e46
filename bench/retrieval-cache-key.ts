/**
 * Cache keys for the retrieval bench: a hash of the working tree's own code behind each cached step,
 * found by following relative imports from the step's entry modules, so an edit anywhere that step
 * reaches (committed or not) builds it again, and an edit elsewhere does not.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file lives in bench/). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Relative specifiers of static, re-exported and dynamic imports. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

/**
 * Every local source file reachable from `entries` by relative imports (`.js` specifiers resolve to
 * the `.ts` beside them), sorted, as repository-relative paths.
 *
 * @example localModules(["crawler/extract/extract-page.ts"]) // ["crawler/extract/annotate.ts", …]
 */
export function localModules(entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (file.endsWith(".json")) return;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(IMPORT)) {
      const target = resolveSource(resolve(dirname(file), m[1]!));
      if (target) visit(target);
    }
  };
  for (const e of entries) visit(resolve(ROOT, e));
  return [...seen].map((f) => relative(ROOT, f)).sort();
}

/**
 * A short hash of the modules `entries` reach, plus extra files (data the code reads, the lock file
 * that pins the libraries it calls) and plain values (settings that change the output).
 *
 * @example const key = cacheKey({ entries: ["indexer/chunk/chunk-markdown.ts"], files: ["package-lock.json"], values: [256] });
 */
export function cacheKey(input: { entries: string[]; files?: string[]; values?: unknown[] }): string {
  const hash = createHash("sha1");
  for (const file of [...localModules(input.entries), ...(input.files ?? [])]) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(resolve(ROOT, file)))
      .update("\0");
  }
  hash.update(JSON.stringify(input.values ?? []));
  return hash.digest("hex").slice(0, 12);
}

function resolveSource(path: string): string | undefined {
  const candidates = path.endsWith(".js") ? [path.replace(/\.js$/, ".ts"), path] : [path, `${path}.ts`];
  return candidates.find((c) => existsSync(c));
}

/**
 * The commit the working tree is on and the files among the modules `entries` reach that differ
 * from it (uncommitted edits), so a printed figure says which code it measured.
 *
 * @example sourceState(["bench/retrieval.ts"]) // { commit: "3caed7a", dirty: ["crawler/extract/hidden-content.ts"] }
 */
export function sourceState(entries: string[]): { commit: string; dirty: string[] } {
  const git = (args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" });
  try {
    const commit = git(["rev-parse", "--short", "HEAD"]).trim();
    const modules = new Set(localModules(entries));
    const dirty = git(["status", "--porcelain", "--", ...modules])
      .split("\n")
      .filter(Boolean)
      .map((l) => l.slice(3))
      .filter((f) => modules.has(f));
    return { commit, dirty };
  } catch {
    return { commit: "unknown (no git)", dirty: [] };
  }
}
