import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Embedder } from "../indexer/embed/embedder.js";

/**
 * Wraps an embedder with a file cache keyed by a hash of each text, so the bench embeds the manual
 * once per embedder (the bundled encoder needs ~10 minutes for it) and rebuilds indexes freely.
 * File layout: `<file>.keys.json` (hashes in order) and `<file>.f32` (the vectors, concatenated).
 *
 * @example
 * const embedder = cachedEmbedder(await createBundledEmbedder(), "/tmp/agentweb-bench/retrieval/bundled");
 * await embedder.embed(texts); embedder.save();
 */
export function cachedEmbedder(inner: Embedder, file: string): Embedder & { save(): void; misses: number } {
  const keysFile = `${file}.keys.json`;
  const vecFile = `${file}.f32`;
  const cache = new Map<string, Float32Array>();
  if (existsSync(keysFile) && existsSync(vecFile)) {
    const keys = JSON.parse(readFileSync(keysFile, "utf8")) as string[];
    const buf = readFileSync(vecFile);
    const flat = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    for (const [i, k] of keys.entries()) cache.set(k, flat.slice(i * inner.dims, (i + 1) * inner.dims));
  }
  const key = (t: string) => createHash("sha1").update(t).digest("base64");
  let dirty = false;
  let lastSave = 0;
  const wrapper = {
    name: inner.name,
    dims: inner.dims,
    misses: 0,
    async embed(texts: string[]): Promise<Float32Array[]> {
      const keys = texts.map(key);
      const missing = [...new Set(keys.filter((k, i) => !cache.has(k) && texts[i] !== undefined))];
      if (missing.length) {
        const byKey = new Map(keys.map((k, i) => [k, texts[i]!]));
        const vectors = await inner.embed(missing.map((k) => byKey.get(k)!));
        for (const [i, k] of missing.entries()) cache.set(k, vectors[i]!);
        wrapper.misses += missing.length;
        dirty = true;
        // Saved as it goes: an interrupted first run keeps what it paid for.
        if (wrapper.misses - lastSave >= 512) {
          lastSave = wrapper.misses;
          wrapper.save();
        }
      }
      return keys.map((k) => cache.get(k)!);
    },
    close: () => inner.close(),
    save(): void {
      if (!dirty) return;
      const keys = [...cache.keys()];
      const flat = new Float32Array(keys.length * inner.dims);
      for (const [i, k] of keys.entries()) flat.set(cache.get(k)!, i * inner.dims);
      writeFileSync(vecFile, Buffer.from(flat.buffer));
      writeFileSync(keysFile, JSON.stringify(keys));
      dirty = false;
    },
  };
  return wrapper;
}
