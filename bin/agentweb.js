#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm run build` (run automatically by `npm ci`/`npm install`).
// LanceDB reads its log level when its native module loads: keep its housekeeping warnings quiet.
process.env.LANCEDB_LOG ??= "error";
await import("../dist/api/cli/main.js");
