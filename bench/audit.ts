/**
 * The audit on real sites served on 127.0.0.1: the 5e-bits Docusaurus export (GitHub-Pages-style,
 * under /docs/) and, when given, Debian HTML documentation extracted with `apt-get download PKG &&
 * dpkg -x`. Prints each site's score, category scores and top fixes, the time taken and the
 * requests the site received (Chromium's included). Nothing leaves 127.0.0.1.
 *
 * The audit is paced like a crawl: `--delay-ms` (default: the config's, 250 ms) between two
 * request starts on the site, which bounds a loopback run from below (requests × delay).
 *
 * Run: npx tsx bench/audit.ts [--max-pages N] [--no-render] [--delay-ms N] [DIR ...]
 *   e.g. npx tsx bench/audit.ts /tmp/audit-debs/sqlite/usr/share/doc/sqlite3 /tmp/audit-debs/py/usr/share/doc/python3.11/html
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { auditSite } from "../api/ops/audit-site.js";
import { renderAuditHtml } from "../crawler/audit/report-html.js";
import type { AuditReport } from "../schemas/audit.js";
import { serveSite } from "../test/helpers/serve-site.js";
import { servePages } from "./pages-server.js";

const { values, positionals } = parseArgs({
  options: {
    "max-pages": { type: "string" },
    "no-render": { type: "boolean" },
    "html-dir": { type: "string" },
    "delay-ms": { type: "string" },
  },
  allowPositionals: true,
});
const maxPages = Number(values["max-pages"] ?? 50);
const delayMs = values["delay-ms"] === undefined ? undefined : Number(values["delay-ms"]);
const FIVE_E = join(import.meta.dirname, "..", "..", "shared", "bench-data", "sites", "5e-bits-docs");

interface Target {
  name: string;
  start(): Promise<{ url: string; close(): Promise<void>; requests?: () => number }>;
}

const targets: Target[] = [
  {
    name: "5e-bits-docs (Docusaurus, /docs/)",
    start: async () => {
      const s = await servePages(FIVE_E, "/docs/");
      return { url: `${s.url}/docs/`, close: s.close };
    },
  },
  ...positionals.map((dir) => ({
    name: dir,
    start: async () => {
      const s = await serveSite(dir);
      return { url: `${s.url}/`, close: s.close, requests: () => s.requests.length };
    },
  })),
];

function print(name: string, r: AuditReport, seconds: number, requests: number | undefined): void {
  console.log(`\n## ${name}\n`);
  console.log(
    `score ${r.score}/100 · ${r.pages.length} pages sampled · ${r.rendered} rendered · ${requests ?? "?"} requests · ${seconds.toFixed(1)} s (delay ${delayMs ?? "default"})`,
  );
  console.log(r.categories.map((c) => `${c.id} ${c.score}`).join(" · "));
  const tokens = r.pages.reduce((n, p) => n + p.htmlTokens, 0);
  const md = r.pages.reduce((n, p) => n + p.markdownTokens, 0);
  console.log(
    `HTML tokens ${tokens}, markdown tokens ${md} (${Math.round((1 - md / Math.max(1, tokens)) * 100)}% noise over the sample)`,
  );
  console.log(
    `llms.txt level ${r.llmsTxt.level ?? "none"}, llms-full.txt ${r.llmsTxt.fullTxt ? "yes" : "no"}; sitemap ${r.sitemap.urls} URLs (${r.sitemap.withLastmod} with lastmod)`,
  );
  console.log("top fixes:");
  for (const f of r.fixes.slice(0, 6)) {
    const finding = r.findings.find((x) => x.code === f.code)!;
    console.log(`  +${f.impact}  ${f.severity} ${f.code}: ${finding.message}`);
  }
}

for (const t of targets) {
  const site = await t.start();
  const started = performance.now();
  try {
    const report = await auditSite(
      { url: site.url, maxPages },
      {
        userAgent: "agentweb-bench",
        timeoutMs: 20_000,
        maxBytes: 20_000_000,
        chromiumPath: values["no-render"] ? false : "/usr/bin/chromium",
        ...(delayMs !== undefined ? { delayMs } : {}),
      },
    );
    print(t.name, report, (performance.now() - started) / 1000, site.requests?.());
    if (values["html-dir"]) {
      const file = join(values["html-dir"], `${t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}.html`);
      writeFileSync(file, renderAuditHtml(report));
      console.log(`report: ${file}`);
    }
  } finally {
    await site.close();
  }
}
