/**
 * The audit report as markdown: what `agentweb audit --format md` prints and what an agent reads
 * when it calls `audit_site`.
 */
import type { AuditReport } from "../../schemas/audit.js";

/** Evidence lines shown per finding; the JSON report has them all. */
const EVIDENCE_SHOWN = 5;

/**
 * @example console.log(renderAuditMarkdown(report));
 */
export function renderAuditMarkdown(r: AuditReport): string {
  const out: string[] = [
    `# AI readiness audit: ${r.url}`,
    "",
    `**Score: ${r.score}/100** (${r.pages.length} pages sampled, ${r.rendered} rendered in Chromium)`,
    "",
  ];
  out.push("| Category | Weight | Score | Findings |", "|---|---:|---:|---:|");
  for (const c of r.categories) out.push(`| ${c.name} | ${c.weight}% | ${c.score} | ${c.findings} |`);
  out.push("", "## Fix first", "");
  for (const [i, f] of r.fixes.entries()) {
    const urls = `${f.pages} URL${f.pages === 1 ? "" : "s"}`;
    out.push(`${i + 1}. **+${f.impact}** \`${f.code}\` (${f.severity}, ${urls}): ${f.fix}`);
  }
  if (!r.fixes.length) out.push("Nothing to fix.");
  out.push("", "## Findings", "");
  for (const f of r.findings) {
    out.push(`### ${f.severity}: ${f.code}`, "", f.message, "", `Fix: ${f.fix}`, "");
    for (const e of f.evidence.slice(0, EVIDENCE_SHOWN)) {
      const where = [e.line ? `line ${e.line}` : "", e.element ? `\`${e.element.replace(/`/g, "'")}\`` : ""]
        .filter(Boolean)
        .join(" ");
      out.push(`- ${e.url}${where ? ` ${where}` : ""}${e.detail ? `: ${e.detail}` : ""}`);
    }
    if (f.evidence.length > EVIDENCE_SHOWN) out.push(`- … ${f.evidence.length - EVIDENCE_SHOWN} more`);
    out.push("");
  }
  out.push(
    "## Pages",
    "",
    "| URL | Status | HTML tokens | Markdown tokens | Noise | Missing w/o JS | h1 | Images w/o alt |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const p of r.pages)
    out.push(
      `| ${p.url} | ${p.status} | ${p.htmlTokens} | ${p.markdownTokens} | ${Math.round(p.noiseRatio * 100)}% | ${Math.round(p.missingShare * 100)}% | ${p.h1} | ${p.imagesWithoutAlt}/${p.images} |`,
    );
  if (r.suggestedLlmsTxt)
    out.push("", "## Suggested llms.txt", "", "```markdown", r.suggestedLlmsTxt.trimEnd(), "```");
  for (const n of r.notes) out.push("", `> ${n}`);
  return `${out.join("\n")}\n`;
}
