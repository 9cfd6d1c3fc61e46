import { describe, expect, it } from "vitest";
import { Config } from "../../schemas/config.js";
import type { CommandIo } from "./commands/command.js";
import { COMMAND_NAMES, runCli } from "./run-cli.js";

async function helpOf(argv: string[]): Promise<string> {
  const out: string[] = [];
  const io = { out: (line: string) => out.push(line), stderr: process.stderr, env: {} } as CommandIo;
  expect(await runCli(argv, io)).toBe(0);
  return out.join("\n");
}

describe("--help", () => {
  it("lists every command at the top level", async () => {
    const help = await helpOf(["--help"]);
    expect(COMMAND_NAMES).toContain("audit");
    for (const name of COMMAND_NAMES) expect(help).toMatch(new RegExp(`^  ${name}\\b`, "m"));
  });

  it("gives each command its usage, and config flags their variable and the schema's default", async () => {
    for (const name of COMMAND_NAMES)
      expect(await helpOf([name, "--help"])).toContain(`Usage: agentweb ${name}`);
    const defaults = Config.parse({});
    const crawl = await helpOf(["crawl", "--help"]);
    expect(crawl).toContain(`(env AGENTWEB_EMBEDDER, default ${defaults.embedder})`);
    expect(crawl).toContain(`(env AGENTWEB_DELAY_MS, default ${defaults.delayMs})`);
    expect(await helpOf(["search", "--help"])).toContain(`default ${defaults.searchMode})`);
  });
});
