/**
 * Process-wide settings for LanceDB's native module, which reads them once when it loads: import
 * this module first in every entry point (CLI, production server, benchmarks).
 *
 * - LANCEDB_LOG=error keeps its internal housekeeping warnings off the user's terminal.
 * - Its default thread pools, sized for large machines, can stall a full-text index build on a
 *   small one; 4 CPU and 16 I/O threads keep it moving on 2 cores. A user's own values win.
 */
process.env.LANCEDB_LOG ??= "error";
process.env.LANCE_CPU_THREADS ??= "4";
process.env.LANCE_IO_THREADS ??= "16";
