import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ADAPTERS = ["api/cli", "api/http", "api/mcp"];
/** What an adapter may import from this repository: the ops layer, the schemas, and api's own files. */
const ALLOWED = ["api/", "schemas/"];

/** Every module specifier a source names: static imports, re-exports and dynamic imports. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm))
    found.push(m[1]!);
  return found;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => join(dir, f));
}

describe("layout", () => {
  // Tests beside the adapters may use crawler parts as fixtures (a Chromium to render with); the
  // adapters themselves reach the crawler and the indexer only through api/ops.
  it("adapters (api/cli, api/http, api/mcp) import only api/ops, schemas, api itself and packages", () => {
    const outside: string[] = [];
    for (const file of ADAPTERS.flatMap(sourcesUnder)) {
      for (const spec of specifiers(readFileSync(join(ROOT, file), "utf8"))) {
        if (!spec.startsWith(".")) continue;
        const target = relative(ROOT, resolve(ROOT, dirname(file), spec));
        if (!ALLOWED.some((prefix) => target.startsWith(prefix))) outside.push(`${file} → ${target}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it("finds the imports it checks", () => {
    const files = ADAPTERS.flatMap(sourcesUnder);
    expect(files.length).toBeGreaterThan(20);
    expect(specifiers('import { a } from "../x.js";\nexport type { B } from "../../crawler/y.js";')).toEqual([
      "../x.js",
      "../../crawler/y.js",
    ]);
    expect(specifiers('const m = await import("../../indexer/z.js");\nimport "./side.js";')).toEqual([
      "../../indexer/z.js",
      "./side.js",
    ]);
  });
});
