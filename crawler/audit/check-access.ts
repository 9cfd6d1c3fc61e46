/**
 * AI crawler access: is robots.txt there and readable, and may each known AI agent fetch the sampled
 * pages? Blocking user-triggered fetchers and AI search crawlers hides the site from assistants
 * answering about it (errors); blocking training crawlers is a legitimate choice, reported as a
 * warning with a smaller penalty. An llms.txt that the same agents may not read is a contradiction.
 */
import type { AuditBotAccess, AuditFinding } from "../../schemas/audit.js";
import { isHtmlType } from "../fetch/media-type.js";
import { parseRobotsTxt, policyFor } from "../fetch/robots-txt.js";
import { describeGet, type GetResult } from "../fetch/safe-get.js";
import { type AiBot, aiBots } from "./ai-bots.js";

export interface AccessInput {
  robots: GetResult;
  /** Sampled page URLs. */
  pages: string[];
  /** The llms.txt URL, when one was found. */
  llmsTxtUrl?: string;
}

const KIND_RULES = {
  user: { code: "ai-user-blocked", severity: "error", penalty: 40, what: "user-triggered AI fetchers" },
  search: { code: "ai-search-blocked", severity: "error", penalty: 40, what: "AI search crawlers" },
  training: { code: "ai-training-blocked", severity: "warning", penalty: 20, what: "AI training crawlers" },
} as const;

/**
 * @example const { findings, bots } = checkAccess({ robots, pages: ["https://x.dev/docs/"] });
 */
export function checkAccess(input: AccessInput): { findings: AuditFinding[]; bots: AuditBotAccess[] } {
  const { robots } = input;
  const findings: AuditFinding[] = [];
  const robotsUrl = robots.url;
  if (!robots.ok || robots.status >= 500) {
    // RFC 9309 §2.3.1.4: an unreachable robots.txt means "disallow everything" to a compliant crawler.
    findings.push({
      category: "access",
      code: "robots-unreachable",
      severity: "error",
      message: `robots.txt could not be read (${describeGet(robots)}): compliant crawlers treat the whole site as disallowed`,
      fix: "Serve /robots.txt with status 200 (or 404 if you want no rules); never 5xx.",
      penalty: 100,
      evidence: [{ url: robotsUrl, detail: describeGet(robots) }],
    });
    return { findings, bots: [] };
  }
  const type = robots.media?.type ?? "";
  const text = robots.text;
  const present = robots.status === 200 && !isHtmlType(robots.media);
  if (!present) {
    findings.push({
      category: "access",
      code: robots.status === 200 ? "robots-html" : "robots-missing",
      severity: "info",
      message:
        robots.status === 200
          ? "robots.txt answers with an HTML page: crawlers find no rules and no Sitemap line"
          : `no robots.txt (HTTP ${robots.status}): every agent is allowed, but no Sitemap line points to your sitemap`,
      fix: "Publish /robots.txt as text/plain with a `Sitemap:` line and explicit groups for the AI agents you allow.",
      penalty: 5,
      evidence: [{ url: robotsUrl, detail: `HTTP ${robots.status} ${type}` }],
    });
  }
  const parsed = parseRobotsTxt(present ? text : "");
  const lines = text.split(/\r\n|\r|\n/);
  const invalid = present ? invalidLines(lines) : [];
  if (invalid.length) {
    findings.push({
      category: "access",
      code: "robots-invalid-lines",
      severity: "warning",
      message: `robots.txt has ${invalid.length} line(s) crawlers ignore (not \`field: value\` with a known field, or a rule before any User-agent)`,
      fix: "Use `User-agent:`, `Allow:`, `Disallow:` and `Sitemap:` lines (RFC 9309); rules belong under a User-agent line.",
      penalty: Math.min(15, 3 * invalid.length),
      evidence: invalid
        .slice(0, 10)
        .map(({ line, text }) => ({ url: robotsUrl, line, element: text.slice(0, 120) })),
    });
  }
  const paths = input.pages.map(pathOf);
  const bots: AuditBotAccess[] = aiBots().map((bot) => {
    const policy = policyFor(parsed, bot.token);
    return {
      token: bot.token,
      operator: bot.operator,
      kind: bot.kind,
      allowed: paths.filter((p) => policy.isAllowed(p)).length,
      sampled: paths.length,
      group: present ? groupLine(lines, bot.token) : "none",
    };
  });
  for (const kind of ["user", "search", "training"] as const) {
    const rule = KIND_RULES[kind];
    const blocked = bots.filter((b) => b.kind === kind && b.allowed < b.sampled);
    if (!blocked.length || !paths.length) continue;
    const ofKind = bots.filter((b) => b.kind === kind);
    const share = blocked.reduce((n, b) => n + (b.sampled - b.allowed) / b.sampled, 0) / ofKind.length;
    findings.push({
      category: "access",
      code: rule.code,
      severity: rule.severity,
      message: `robots.txt blocks ${rule.what} on sampled pages: ${blocked.map((b) => `${b.token} (${b.sampled - b.allowed}/${b.sampled})`).join(", ")}`,
      fix:
        kind === "training"
          ? "If you want models trained on your docs, allow these agents (`User-agent: GPTBot` … `Allow: /`); if blocking them is deliberate, leave it."
          : `Add a group allowing them, e.g. \`User-agent: ${blocked[0]!.token}\` + \`Allow: /\`, or narrow the Disallow rules that catch them.`,
      penalty: Math.round(rule.penalty * share * 10) / 10,
      evidence: blocked.map((b) => ({
        url: robotsUrl,
        ...(lineNumber(lines, b.group) ? { line: lineNumber(lines, b.group)! } : {}),
        element: b.group,
        detail: `${b.token}: ${b.sampled - b.allowed} of ${b.sampled} sampled pages disallowed`,
      })),
    });
  }
  if (input.llmsTxtUrl) {
    const path = pathOf(input.llmsTxtUrl);
    const shut = aiBots().filter(
      (b: AiBot) => b.kind !== "training" && !policyFor(parsed, b.token).isAllowed(path),
    );
    if (shut.length) {
      findings.push({
        category: "access",
        code: "llms-txt-blocked",
        severity: "warning",
        message: `llms.txt is published but robots.txt forbids ${shut.map((b) => b.token).join(", ")} to read it`,
        fix: "Allow AI agents to fetch /llms.txt and the pages it links (an `Allow: /llms.txt` line in their groups), or drop the contradiction.",
        penalty: 10,
        evidence: [{ url: input.llmsTxtUrl, detail: "disallowed by robots.txt" }],
      });
    }
  }
  return { findings, bots };
}

const KNOWN_FIELDS = new Set([
  "user-agent",
  "allow",
  "disallow",
  "sitemap",
  "crawl-delay",
  "host",
  "clean-param",
]);

/** Lines a crawler skips: no `field:` shape, an unknown field, or a rule outside any group. */
function invalidLines(lines: string[]): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let inGroup = false;
  lines.forEach((raw, i) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) return;
    const field = /^([A-Za-z-]+)\s*:/.exec(line)?.[1]?.toLowerCase();
    if (field === "user-agent") inGroup = true;
    const orphan = (field === "allow" || field === "disallow") && !inGroup;
    if (!field || !KNOWN_FIELDS.has(field) || orphan) out.push({ line: i + 1, text: raw.trim() });
  });
  return out;
}

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

/** The `User-agent` line that names the bot, else the `*` group's, else "none". */
function groupLine(lines: string[], token: string): string {
  const agent = (l: string) => /^\s*user-agent\s*:\s*([^#\s]+)/i.exec(l)?.[1]?.toLowerCase();
  const own = lines.find((l) => agent(l) === token.toLowerCase());
  if (own) return own.trim();
  const star = lines.find((l) => agent(l) === "*");
  return star ? star.trim() : "none";
}

function lineNumber(lines: string[], line: string): number | undefined {
  const i = lines.findIndex((l) => l.trim() === line);
  return i >= 0 ? i + 1 : undefined;
}
