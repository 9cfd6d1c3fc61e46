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
  const cache = benchCache();
  const html = join(cache, pkg, htmlPath);
  if (existsSync(html)) return html;
  mkdirSync(cache, { recursive: true });
  execFileSync("apt-get", ["download", pkg], { cwd: cache, stdio: "inherit" });
  const deb = readdirSync(cache).find((f) => f.startsWith(`${pkg}_`) && f.endsWith(".deb"));
  if (!deb) throw new Error(`apt-get download ${pkg} produced no .deb`);
  execFileSync("dpkg", ["-x", deb, pkg], { cwd: cache, stdio: "inherit" });
  return html;
}

/**
 * The .deb that `debianDocs` unpacked for `pkg` (its file name carries the version), if any.
 *
 * @example debianDocsDeb("nodejs-doc") // "nodejs-doc_18.20.4+dfsg-1~deb12u3_all.deb"
 */
export function debianDocsDeb(pkg: string): string | undefined {
  const cache = benchCache();
  if (!existsSync(cache)) return undefined;
  return readdirSync(cache).find((f) => f.startsWith(`${pkg}_`) && f.endsWith(".deb"));
}

function benchCache(): string {
  return join(tmpdir(), "agentweb-bench");
}
