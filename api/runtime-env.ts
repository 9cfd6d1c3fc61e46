/**
 * Process-wide settings for LanceDB's native module, which reads them once when it loads: import
 * this module first in every entry point (CLI, production server, benchmarks).
 *
 * - LANCEDB_LOG=error keeps its internal housekeeping warnings off the user's terminal.
 * - On 2 cores the full-text index build for ~100k chunks stalled for minutes with the default
 *   thread pools and finished in 18 s with 4 CPU / 16 I/O threads (bench/api.ts); a user's own
 *   values win.
 */
process.env.LANCEDB_LOG ??= "error";
process.env.LANCE_CPU_THREADS ??= "4";
process.env.LANCE_IO_THREADS ??= "16";
