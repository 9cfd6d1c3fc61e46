import { readFileSync } from "node:fs";

/** The package version, read once from package.json (two levels up from source and from dist/). */
export const VERSION: string = (() => {
  for (const rel of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8"));
      if (pkg.name === "agentweb") return String(pkg.version);
    } catch {}
  }
  return "0.0.0";
})();
