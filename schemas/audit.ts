/**
 * The AIO readiness audit report: one schema for the CLI (`--format json`), `GET /v1/audit/{id}/report`
 * and the MCP tool `audit_site`. Scoring rules live in crawler/audit/score.ts.
 */
import { z } from "zod";
import { httpUrl } from "./api.js";

/** The six scored categories, in report order. */
export const AuditCategoryId = z.enum(["access", "llms-txt", "sitemap", "javascript", "tokens", "structure"]);
export type AuditCategoryId = z.infer<typeof AuditCategoryId>;

export const AuditSeverity = z.enum(["error", "warning", "info"]);
export type AuditSeverity = z.infer<typeof AuditSeverity>;

/** Where a finding was seen: a URL and, when known, a line or an element. */
export const AuditEvidence = z.object({
  url: z.string(),
  line: z.number().int().positive().optional(),
  element: z.string().optional(),
  detail: z.string().optional(),
});
export type AuditEvidence = z.infer<typeof AuditEvidence>;

export const AuditFinding = z.object({
  category: AuditCategoryId,
  /** Stable kebab-case code, e.g. `ai-search-blocked`, `img-missing-alt`. */
  code: z.string(),
  severity: AuditSeverity,
  message: z.string(),
  /** A concrete change that removes the finding. */
  fix: z.string(),
  /** Points taken off the category's 100. */
  penalty: z.number().nonnegative(),
  evidence: z.array(AuditEvidence),
});
export type AuditFinding = z.infer<typeof AuditFinding>;

export const AuditCategory = z.object({
  id: AuditCategoryId,
  name: z.string(),
  /** Share of the total score, in percent; the weights add up to 100. */
  weight: z.number().nonnegative(),
  score: z.number().min(0).max(100),
  findings: z.number().int().nonnegative(),
});
export type AuditCategory = z.infer<typeof AuditCategory>;

/** One entry of the fix list: the score points its fix is expected to gain. */
export const AuditFix = z.object({
  code: z.string(),
  category: AuditCategoryId,
  severity: AuditSeverity,
  fix: z.string(),
  /** Points of the overall score gained when fixed (category weight × penalty removed / 100). */
  impact: z.number().nonnegative(),
  pages: z.number().int().nonnegative(),
});
export type AuditFix = z.infer<typeof AuditFix>;

/** What was measured on one sampled page. */
export const AuditPage = z.object({
  url: z.string(),
  status: z.number().int(),
  ms: z.number().nonnegative(),
  bytes: z.number().int().nonnegative(),
  title: z.string(),
  htmlTokens: z.number().int().nonnegative(),
  markdownTokens: z.number().int().nonnegative(),
  /** 1 − markdown tokens / HTML tokens: the share of the HTML that is not content. */
  noiseRatio: z.number().min(0).max(1),
  /** Main-text characters over plain HTTP. */
  httpChars: z.number().int().nonnegative(),
  /** Main-text characters after Chromium ran the page's scripts (absent when not rendered). */
  renderedChars: z.number().int().nonnegative().optional(),
  /** Share of the rendered main text missing over plain HTTP (0 when not rendered). */
  missingShare: z.number().min(0).max(1),
  h1: z.number().int().nonnegative(),
  images: z.number().int().nonnegative(),
  imagesWithoutAlt: z.number().int().nonnegative(),
  error: z.string().optional(),
});
export type AuditPage = z.infer<typeof AuditPage>;

/** One AI agent's access to the sampled pages under robots.txt. */
export const AuditBotAccess = z.object({
  token: z.string(),
  operator: z.string(),
  kind: z.enum(["training", "search", "user"]),
  /** Sampled pages this agent may fetch. */
  allowed: z.number().int().nonnegative(),
  sampled: z.number().int().nonnegative(),
  /** The robots.txt group that decided: its own `User-agent` line, `*`, or none. */
  group: z.string(),
});
export type AuditBotAccess = z.infer<typeof AuditBotAccess>;

export const AuditReport = z.object({
  url: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  score: z.number().int().min(0).max(100),
  categories: z.array(AuditCategory),
  fixes: z.array(AuditFix),
  findings: z.array(AuditFinding),
  pages: z.array(AuditPage),
  bots: z.array(AuditBotAccess),
  llmsTxt: z.object({
    url: z.string().optional(),
    level: z.number().int().min(0).max(4).optional(),
    tokens: z.number().int().nonnegative().optional(),
    links: z.number().int().nonnegative().optional(),
    fullTxt: z.boolean(),
  }),
  sitemap: z.object({
    url: z.string().optional(),
    urls: z.number().int().nonnegative(),
    withLastmod: z.number().int().nonnegative(),
  }),
  /** A generated llms.txt, when the site has none or a weak one (level under 3 or low coverage). */
  suggestedLlmsTxt: z.string().optional(),
  /** Pages rendered in Chromium for the JavaScript check; false when Chromium was unavailable. */
  rendered: z.number().int().nonnegative(),
  notes: z.array(z.string()),
});
export type AuditReport = z.infer<typeof AuditReport>;

/** How a report is delivered: the AuditReport as JSON, markdown, or one self-contained HTML file. */
export const AuditReportFormat = z.enum(["json", "md", "html"]);
export type AuditReportFormat = z.infer<typeof AuditReportFormat>;

/** Input of `POST /v1/audit` and the MCP tool `audit_site`. */
export const AuditRequest = z.object({
  url: httpUrl.describe("The site's start page: its origin is audited"),
  maxPages: z.coerce.number().int().min(1).max(200).optional().describe("Pages to sample (default 50)"),
});
export type AuditRequest = z.infer<typeof AuditRequest>;

export const AuditJobRequest = z.object({ id: z.string().regex(/^[a-z0-9-]{8,64}$/, "not an audit job id") });

/** An audit job as `POST /v1/audit` and `GET /v1/audit/{id}` report it. */
export const AuditJob = z.object({
  id: z.string(),
  state: z.enum(["queued", "running", "done", "failed"]),
  request: AuditRequest,
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  progress: z.object({ step: z.string(), pages: z.number().int().nonnegative() }),
  /** Present when done. */
  score: z.number().int().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type AuditJob = z.infer<typeof AuditJob>;
