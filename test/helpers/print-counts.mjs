// Prints vitest's totals as the closing line CI reads: "N passed, N failed" (plus skipped when any).
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? ".test-results.json";
let r;
try {
  r = JSON.parse(readFileSync(file, "utf8"));
} catch {
  console.log("0 passed, 1 failed");
  process.exit(0);
}
const failed =
  r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? r.numFailedTestSuites : 0);
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
