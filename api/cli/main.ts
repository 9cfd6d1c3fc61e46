/**
 * The `agentweb` program: the only place the CLI touches the real process (argv, streams, env,
 * exit code).
 */
import "../runtime-env.js";
import type { CommandIo } from "./commands/command.js";
import { runCli } from "./run-cli.js";

const io: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  stderr: process.stderr,
  env: process.env,
};
const code = await runCli(process.argv.slice(2), io).catch((err) => {
  process.stderr.write(`agentweb: ${String(err)}\n`);
  return 2;
});
// Exit explicitly once output is flushed: crawler timers and native handles must not keep a
// finished command alive.
process.stdout.write("", () => process.exit(code));
