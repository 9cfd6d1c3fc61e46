import { execFileSync } from "node:child_process";
import { join } from "node:path";

/** End-to-end tests run the built CLI: compile once before any test (the native compiler takes ~2 s). */
export default function setup(): void {
  const root = join(import.meta.dirname, "..");
  execFileSync(join(root, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"], {
    cwd: root,
    stdio: "inherit",
  });
}
