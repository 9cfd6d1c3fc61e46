/** What a command may touch: its output streams and environment, injected so tests can run it in-process. */
export interface CommandIo {
  out(line: string): void;
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
}
