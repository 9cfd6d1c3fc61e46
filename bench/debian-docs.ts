/**
 * Debian's HTML documentation packages as benchmark sites: `apt-get download PKG && dpkg -x` into
 * $TMPDIR/agentweb-bench once, then reused.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The unpacked HTML directory of a Debian docs package.
 *
 * @example debianDocs("postgresql-doc-15", "usr/share/doc/postgresql-doc-15/html")
 */
export function debianDocs(pkg: string, htmlPath: string): string {
  const cache = join(tmpdir(), "agentweb-bench");
  const html = join(cache, pkg, htmlPath);
  if (existsSync(html)) return html;
  mkdirSync(cache, { recursive: true });
  execFileSync("apt-get", ["download", pkg], { cwd: cache, stdio: "inherit" });
  const deb = readdirSync(cache).find((f) => f.startsWith(`${pkg}_`) && f.endsWith(".deb"));
  if (!deb) throw new Error(`apt-get download ${pkg} produced no .deb`);
  execFileSync("dpkg", ["-x", deb, pkg], { cwd: cache, stdio: "inherit" });
  return html;
}
