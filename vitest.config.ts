import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**"],
    // LanceDB and the embedder's worker threads are native/threaded: separate processes isolate them.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { LANCEDB_LOG: "error", LANCE_CPU_THREADS: "4", LANCE_IO_THREADS: "16" },
    globalSetup: ["test/global-setup.ts"],
  },
});
