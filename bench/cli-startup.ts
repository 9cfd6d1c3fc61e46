/**
 * CLI start-up: how long a user waits for `agentweb search|context|page` on a small index, beside
 * `--version` (argument parsing only) and a bare `node` start (the floor), from the built CLI.
 * Each command runs `--runs` times in a row; the table gives the median and the slowest wall time
 * (on a loaded machine, compare each row with the floor rather than with a figure from elsewhere).
 *
 * Run: make build && npx tsx bench/cli-startup.ts [--runs N]
 */
import { execFile, spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { CLI_PATH } from "../test/helpers/run-cli.js";
import { SAMPLE_SITE_DIR } from "../test/helpers/sample-site.js";
import { serveSite } from "../test/helpers/serve-site.js";
import { tempDir } from "../test/helpers/temp-dir.js";
import { percentile, printTable } from "./stats.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "10" } } });
const runs = Number(values.runs);
const tmp = tempDir("agentweb-bench-cli-");
const data = join(tmp.path, "data");
const site = await serveSite(SAMPLE_SITE_DIR);
try {
  // Asynchronously: the site is served from this process.
  await promisify(execFile)(process.execPath, [CLI_PATH, "crawl", `${site.url}/`, "--data", data]);
  const page = `${site.url}/guides/deploying.html`;
  const commands: [string, string[]][] = [
    ["node -e '' (floor)", ["-e", ""]],
    ["agentweb --version", [CLI_PATH, "--version"]],
    ["agentweb search", [CLI_PATH, "search", "retry failed jobs", "--data", data, "--json"]],
    ["agentweb context", [CLI_PATH, "context", "retry failed jobs", "--data", data]],
    ["agentweb page", [CLI_PATH, "page", page, "--data", data]],
  ];
  const rows = commands.map(([name, args]) => {
    const wall: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const result = spawnSync(process.execPath, args, { encoding: "utf8" });
      wall.push(performance.now() - start);
      if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
    }
    return {
      command: name,
      runs,
      "median ms": percentile(wall, 50).toFixed(0),
      "max ms": Math.max(...wall).toFixed(0),
    };
  });
  printTable(`CLI start-up on the sample site's index (${runs} runs each)`, rows);
} finally {
  await site.close();
  tmp.remove();
}
