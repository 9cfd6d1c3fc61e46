import type { LlmsTxt, LlmsTxtFinding } from "../../schemas/llms-txt.js";
import { pageKey } from "./page-key.js";

/**
 * A warning for every link whose URL (ignoring fragment, `.md`/`.html` suffix and trailing slash)
 * was already listed.
 *
 * @example findDuplicates(doc) // [{ code: "duplicate-link", severity: "warning", line: 12, message: "…" }]
 */
export function findDuplicates(doc: LlmsTxt): LlmsTxtFinding[] {
  const first = new Map<string, number | undefined>();
  const findings: LlmsTxtFinding[] = [];
  for (const link of doc.sections.flatMap((s) => s.links)) {
    const key = pageKey(link.url);
    if (!first.has(key)) {
      first.set(key, link.line);
      continue;
    }
    const where = first.get(key) ? ` (first on line ${first.get(key)})` : "";
    findings.push({
      code: "duplicate-link",
      severity: "warning",
      ...(link.line ? { line: link.line } : {}),
      message: `${link.url} is listed again${where}`,
    });
  }
  return findings;
}
