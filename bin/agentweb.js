#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm run build`, which `npm ci`/`npm install` run when the dev
// dependencies (TypeScript) are installed. An install with --omit=dev (a container image) skips
// the build: dist/ must be built beforehand and copied in.
import { fileURLToPath } from "node:url";

const MAIN = new URL("../dist/api/cli/main.js", import.meta.url);
try {
  await import(MAIN.href);
} catch (err) {
  if (err?.code !== "ERR_MODULE_NOT_FOUND" || !String(err.message).includes(fileURLToPath(MAIN))) throw err;
  process.stderr.write(
    "agentweb is not built: run `npm run build` (needs the dev dependencies), or copy in a dist/ built elsewhere\n",
  );
  process.exitCode = 1;
}
