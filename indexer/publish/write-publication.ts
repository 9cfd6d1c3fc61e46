import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import type { Publication } from "./build-publication.js";
import { fitFileName } from "./fit-file-name.js";

/** What {@link writePublication} did: files written, twins stored under a shorter name, failures. */
export interface WriteReport {
  written: number;
  /** Twins whose path has a name too long for a file system, and the file that holds each. */
  shortened: { path: string; file: string }[];
  /** Files that could not be written; the others were written all the same. */
  failed: { path: string; code: string; message: string }[];
}

/**
 * Writes a publication into `outDir`: the four llms files at its root, each twin at its page path
 * (`docs/retries.html.md`, `index.html.md`). A path name over 255 bytes is shortened (readable
 * prefix + hash of the whole name); a twin path that would land outside `outDir` is skipped; a file
 * that cannot be written is reported and the rest are still written. llms.txt keeps linking each
 * twin at its page's own path: readers map those links back to page URLs.
 *
 * @example writePublication(pub, "./public") // { written: 21, shortened: [], failed: [] }
 */
export function writePublication(pub: Publication, outDir: string): WriteReport {
  const root = resolve(outDir);
  mkdirSync(root, { recursive: true });
  const report: WriteReport = { written: 0, shortened: [], failed: [] };
  const write = (path: string, content: string) => {
    const rel = fileNameFor(path);
    const file = resolve(join(root, rel));
    if (!file.startsWith(root + sep)) return;
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      report.written++;
      if (rel !== path) report.shortened.push({ path, file: rel });
    } catch (err) {
      const { code = "EIO", message = String(err) } = err as NodeJS.ErrnoException;
      report.failed.push({ path, code, message });
    }
  };
  for (const [name, content] of Object.entries(pub.files)) write(name, content);
  for (const twin of pub.twins) write(twin.path.replace(/^\/+/, ""), twin.markdown);
  return report;
}

/** `path` with every segment fitted to a file name; the same directory always maps alike. */
function fileNameFor(path: string): string {
  const segments = path.split("/");
  return segments.map((s, i) => fitFileName(s, i === segments.length - 1 ? ".md" : "")).join("/");
}
