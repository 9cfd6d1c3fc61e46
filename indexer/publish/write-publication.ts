import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import type { Publication } from "./build-publication.js";

/**
 * Writes a publication into `outDir`: the four llms files at its root, each twin at its page path
 * (`docs/retries.html.md`, `index.html.md`). A twin path that would land outside `outDir` is skipped.
 * Returns the number of files written.
 *
 * @example writePublication(pub, "./public") // 21
 */
export function writePublication(pub: Publication, outDir: string): number {
  const root = resolve(outDir);
  mkdirSync(root, { recursive: true });
  let written = 0;
  const write = (rel: string, content: string) => {
    const file = resolve(join(root, rel));
    if (!file.startsWith(root + sep)) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    written++;
  };
  for (const [name, content] of Object.entries(pub.files)) write(name, content);
  for (const twin of pub.twins) write(twin.path.replace(/^\/+/, ""), twin.markdown);
  return written;
}
