import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../test/helpers/temp-dir.js";
import { cacheKey, localModules } from "./retrieval-cache-key.js";

describe("retrieval cache key", () => {
  let tmp: ReturnType<typeof tempDir>;
  const file = (name: string, text: string) => writeFileSync(join(tmp.path, name), text);
  beforeEach(() => {
    tmp = tempDir("agentweb-cache-key-");
    mkdirSync(join(tmp.path, "sub"));
    file("a.ts", 'import { b } from "./sub/b.js";\nexport const a = b;\n');
    file("sub/b.ts", 'export { c } from "../c.js";\nimport type { T } from "./t.js";\nexport const b = 1;\n');
    file("c.ts", 'const d = await import("./data.json", { with: { type: "json" } });\nexport const c = d;\n');
    file("sub/t.ts", "export type T = number;\n");
    file("data.json", "{}\n");
    file("unrelated.ts", "export const u = 1;\n");
  });
  afterEach(() => tmp.remove());

  it("follows static, re-exported, type-only and dynamic relative imports", () => {
    const root = resolve(import.meta.dirname, "..");
    const found = localModules([join(tmp.path, "a.ts")]).map((p) => relative(tmp.path, resolve(root, p)));
    expect(found).toEqual(["a.ts", "c.ts", "data.json", "sub/b.ts", "sub/t.ts"]);
  });

  it("changes when a reachable module, an extra file or a value changes, and only then", () => {
    const key = (values: unknown[] = []) =>
      cacheKey({ entries: [join(tmp.path, "a.ts")], files: [join(tmp.path, "data.json")], values });
    const before = key();
    file("unrelated.ts", "export const u = 2;\n");
    expect(key()).toBe(before);
    file("sub/t.ts", "export type T = string;\n");
    const afterEdit = key();
    expect(afterEdit).not.toBe(before);
    file("data.json", "[]\n");
    expect(key()).not.toBe(afterEdit);
    expect(key([256])).not.toBe(key([512]));
  });

  it("covers the extraction code from the worker's entry", () => {
    const modules = localModules(["crawler/extract-pool/extract-worker.ts", "crawler/build-page.ts"]);
    expect(modules).toContain("crawler/extract/extract-page.ts");
    expect(modules).toContain("crawler/markdown/to-markdown.ts");
  });
});
