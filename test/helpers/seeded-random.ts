/**
 * A small seeded PRNG (mulberry32) for property tests: the same seed runs the same cases every time.
 *
 * @example const next = seededRandom(42); next() // a number in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
