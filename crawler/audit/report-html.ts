/**
 * The audit report as one self-contained HTML file: inline CSS, no script, no external asset, so it
 * opens offline and can be mailed or attached to a CI run. Every value from the audited site is
 * escaped: the report must not become an injection vector for the site it describes.
 */
import type { AuditReport, AuditSeverity } from "../../schemas/audit.js";
import { escapeHtml } from "../escape-html.js";

const CSS = `
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2330}
h1{font-size:1.5rem}h2{margin-top:2rem;border-bottom:1px solid #dde}
.score{font-size:3rem;font-weight:700}.bar{background:#eef;border-radius:4px;height:14px;width:100%}
.fill{height:14px;border-radius:4px}.good{background:#2e9d5b}.fair{background:#e0a526}.poor{background:#d2453b}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border-bottom:1px solid #e4e6ee;padding:4px 6px;text-align:left;vertical-align:top}
td.n{text-align:right}.sev{font-size:12px;padding:1px 6px;border-radius:3px;color:#fff}
.error{background:#d2453b}.warning{background:#c98a10}.info{background:#5b6b8c}
code,pre{background:#f4f5f9;border-radius:3px}pre{padding:.8rem;overflow:auto;white-space:pre-wrap}
.cat td:first-child{width:16rem}.url{word-break:break-all}details{margin:.4rem 0}`;

/**
 * @example writeFileSync("audit.html", renderAuditHtml(report));
 */
export function renderAuditHtml(r: AuditReport): string {
  const band = (s: number) => (s >= 80 ? "good" : s >= 50 ? "fair" : "poor");
  const sev = (s: AuditSeverity) => `<span class="sev ${s}">${s}</span>`;
  const cats = r.categories
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.name)} <small>(${c.weight}%)</small></td><td style="width:60%"><div class="bar"><div class="fill ${band(c.score)}" style="width:${c.score}%"></div></div></td><td class="n">${c.score}</td><td class="n">${c.findings}</td></tr>`,
    )
    .join("");
  const fixes = r.fixes
    .map(
      (f) =>
        `<li><strong>+${f.impact}</strong> ${sev(f.severity)} <code>${escapeHtml(f.code)}</code> (${f.pages} URL${f.pages === 1 ? "" : "s"}): ${escapeHtml(f.fix)}</li>`,
    )
    .join("");
  const findings = r.findings
    .map((f) => {
      const rows = f.evidence
        .map(
          (e) =>
            `<tr><td class="url">${escapeHtml(e.url)}</td><td>${e.line ?? ""}</td><td><code>${escapeHtml(e.element ?? "")}</code></td><td>${escapeHtml(e.detail ?? "")}</td></tr>`,
        )
        .join("");
      return `<details${f.severity === "error" ? " open" : ""}><summary>${sev(f.severity)} <code>${escapeHtml(f.code)}</code> ${escapeHtml(f.message)}</summary><p>Fix: ${escapeHtml(f.fix)}</p><table><tr><th>URL</th><th>Line</th><th>Element</th><th>Detail</th></tr>${rows}</table></details>`;
    })
    .join("");
  const pages = r.pages
    .map(
      (p) =>
        `<tr><td class="url">${escapeHtml(p.url)}</td><td class="n">${p.status}</td><td class="n">${p.ms}</td><td class="n">${p.htmlTokens}</td><td class="n">${p.markdownTokens}</td><td class="n">${Math.round(p.noiseRatio * 100)}%</td><td class="n">${Math.round(p.missingShare * 100)}%</td><td class="n">${p.h1}</td><td class="n">${p.imagesWithoutAlt}/${p.images}</td></tr>`,
    )
    .join("");
  const bots = r.bots
    .map(
      (b) =>
        `<tr><td>${escapeHtml(b.token)}</td><td>${escapeHtml(b.operator)}</td><td>${b.kind}</td><td class="n">${b.allowed}/${b.sampled}</td><td><code>${escapeHtml(b.group)}</code></td></tr>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>AI readiness audit: ${escapeHtml(r.url)}</title><style>${CSS}</style></head>
<body><main>
<h1>AI readiness audit</h1>
<p class="url">${escapeHtml(r.url)} · ${r.pages.length} pages sampled · ${r.rendered} rendered in Chromium · ${escapeHtml(r.finishedAt)}</p>
<p class="score" id="score"><span class="${band(r.score)}" style="color:#fff;padding:0 .5rem;border-radius:6px">${r.score}</span>/100</p>
<h2>Categories</h2><table class="cat" id="categories"><tr><th>Category</th><th>Score</th><th></th><th>Findings</th></tr>${cats}</table>
<h2>Fix first</h2><ol id="fixes">${fixes || "<li>Nothing to fix.</li>"}</ol>
<h2>Findings</h2><div id="findings">${findings}</div>
<h2>Pages</h2><table id="pages"><tr><th>URL</th><th>Status</th><th>ms</th><th>HTML tokens</th><th>Markdown tokens</th><th>Noise</th><th>Missing w/o JS</th><th>h1</th><th>No alt</th></tr>${pages}</table>
<h2>AI agents</h2><table id="bots"><tr><th>Agent</th><th>Operator</th><th>Kind</th><th>Allowed pages</th><th>robots.txt group</th></tr>${bots}</table>
${r.suggestedLlmsTxt ? `<h2>Suggested llms.txt</h2><pre id="suggested">${escapeHtml(r.suggestedLlmsTxt)}</pre>` : ""}
${r.notes.map((n) => `<p><small>${escapeHtml(n)}</small></p>`).join("")}
</main></body></html>
`;
}
