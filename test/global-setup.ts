import { execFileSync } from "node:child_process";
import { join } from "node:path";

/** End-to-end tests run the built CLI: compile once before any test (one compile, not one per test file). */
export default function setup(): void {
  const root = join(import.meta.dirname, "..");
  execFileSync(join(root, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"], {
    cwd: root,
    stdio: "inherit",
  });
}
