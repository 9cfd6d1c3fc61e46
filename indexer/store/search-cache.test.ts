import { describe, expect, it } from "vitest";
import { createResultCache } from "./search-cache.js";

describe("result cache", () => {
  it("answers a repeat from the cache until the version changes", async () => {
    let version = 1;
    let computed = 0;
    const cache = createResultCache(async () => version);
    const compute = async () => ++computed;
    expect(await cache.get("q", compute)).toBe(1);
    expect(await cache.get("q", compute)).toBe(1);
    version = 2;
    expect(await cache.get("q", compute)).toBe(2);
    expect(await cache.get("other", compute)).toBe(3);
  });

  it("runs identical requests that arrive together once", async () => {
    let computed = 0;
    const cache = createResultCache(async () => 1);
    const slow = () => new Promise<number>((r) => setTimeout(() => r(++computed), 20));
    expect(await Promise.all([cache.get("q", slow), cache.get("q", slow), cache.get("q", slow)])).toEqual([
      1, 1, 1,
    ]);
    expect(computed).toBe(1);
  });

  it("keeps no failure: the next call computes again", async () => {
    const cache = createResultCache(async () => 1);
    await expect(cache.get("q", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.get("q", async () => "ok")).toBe("ok");
  });

  it("drops the least recently used entry past its size", async () => {
    const cache = createResultCache(async () => 1, { entries: 2 });
    await cache.get("a", async () => "a");
    await cache.get("b", async () => "b");
    await cache.get("a", async () => "a again"); // a is now the most recent
    await cache.get("c", async () => "c");
    expect(cache.size).toBe(2);
    expect(await cache.get("a", async () => "a recomputed")).toBe("a");
    expect(await cache.get("b", async () => "b recomputed")).toBe("b recomputed");
  });
});
