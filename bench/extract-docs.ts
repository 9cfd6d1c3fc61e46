/**
 * Token reduction on real documentation: markdown tokens / HTML tokens per page (cl100k, the
 * project's tokenizer), median and p90 per docs package, plus extraction pages/s.
 *
 *   mkdir -p /tmp/agentweb-docs && cd /tmp/agentweb-docs
 *   apt-get download python3.11-doc postgresql-doc-15 nodejs-doc sqlite3-doc
 *   for f in *.deb; do dpkg -x "$f" x; done
 *   npx tsx bench/extract-docs.ts [--root /tmp/agentweb-docs/x] [--limit N] [--only python3.11,nodejs]
 *
 * Pages are taken in sorted order (every page with --limit unset).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { extractPage } from "../crawler/extract/extract-page.js";
import { countTokens } from "../schemas/tokens.js";
import { percentile, printTable } from "./stats.js";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const root = arg("--root") ?? "/tmp/agentweb-docs/x";
const limit = Number(arg("--limit") ?? Number.POSITIVE_INFINITY);
const only = arg("--only")?.split(",");

const PACKAGES: Record<string, { dir: string; site: string }> = {
  "python3.11-doc": { dir: "usr/share/doc/python3.11/html", site: "https://docs.python.org/3.11/" },
  "postgresql-doc-15": {
    dir: "usr/share/doc/postgresql-doc-15/html",
    site: "https://www.postgresql.org/docs/15/",
  },
  "nodejs-doc": { dir: "usr/share/doc/nodejs/api", site: "https://nodejs.org/docs/latest-v18.x/api/" },
  "sqlite3-doc": { dir: "usr/share/doc/sqlite3", site: "https://www.sqlite.org/" },
};

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      let st: ReturnType<typeof statSync>;
      try {
        st = statSync(path);
      } catch {
        continue; // Debian docs link shared assets to absolute paths that are not unpacked here.
      }
      if (st.isDirectory()) walk(path);
      else if (name.endsWith(".html")) out.push(path);
    }
  };
  walk(dir);
  return out;
}

const rows: Record<string, string | number>[] = [];
for (const [name, { dir, site }] of Object.entries(PACKAGES)) {
  if (only && !only.some((o) => name.startsWith(o))) continue;
  const base = join(root, dir);
  let files: string[];
  try {
    files = htmlFiles(base).slice(0, limit);
  } catch {
    console.log(`${name}: not found under ${base} (see the header of this file)`);
    continue;
  }
  const ratios: number[] = [];
  let htmlTokens = 0;
  let mdTokens = 0;
  let empty = 0;
  let seconds = 0;
  for (const file of files) {
    const html = readFileSync(file, "utf8");
    const start = performance.now();
    const page = extractPage(html, new URL(relative(base, file), site).href);
    seconds += (performance.now() - start) / 1000;
    const h = countTokens(html);
    const m = countTokens(page.markdown);
    if (m === 0) empty++;
    htmlTokens += h;
    mdTokens += m;
    if (h > 0) ratios.push(m / h);
  }
  rows.push({
    package: name,
    pages: files.length,
    "empty md": empty,
    "median md/html": percentile(ratios, 50).toFixed(3),
    "p90 md/html": percentile(ratios, 90).toFixed(3),
    "total md/html": (mdTokens / Math.max(1, htmlTokens)).toFixed(3),
    "pages/s": (files.length / seconds).toFixed(1),
  });
}
printTable(`token reduction on Debian docs packages (markdown tokens / HTML tokens, cl100k)`, rows);
