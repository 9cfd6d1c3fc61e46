import { spawn } from "node:child_process";
import { join } from "node:path";

export const CLI_PATH = join(import.meta.dirname, "..", "..", "bin", "agentweb.js");

/**
 * Runs the built `agentweb` CLI as a user would, with a clean AGENTWEB_* environment.
 *
 * @example const { code, stdout } = await runCli(["search", "retries", "--data", dir, "--json"]);
 */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ code: number; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      env: cliEnv(options.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", reject);
    // "close", not "exit": only then has all of stdout and stderr been read (a busy machine can
    // deliver "exit" first, and a truncated stderr hides why a run failed).
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal, stdout, stderr });
    });
  });
}

/**
 * The environment the CLI runs with in tests: ours without AGENTWEB_* settings (a developer's own
 * config must not change a test's crawl), plus `extra`.
 *
 * @example spawn(process.execPath, [CLI_PATH, "crawl", url], { env: cliEnv() });
 */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AGENTWEB_")));
  return { ...env, ...extra };
}
