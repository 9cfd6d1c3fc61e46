import { z } from "zod";
import { flag, httpUrl, tokenCap } from "./api.js";

/** One `- [title](url): notes` line of an llms.txt section. */
export const LlmsTxtLink = z.object({
  title: z.string(),
  url: z.string(),
  /** The text after `:`; absent when the line has none. */
  notes: z.string().optional(),
  /** 1-based line in the source file, when parsed from one. */
  line: z.number().int().positive().optional(),
});
export type LlmsTxtLink = z.infer<typeof LlmsTxtLink>;

/** An H2 section; `optional` marks the section a reader may skip when context is short. */
export const LlmsTxtSection = z.object({
  name: z.string(),
  optional: z.boolean(),
  links: z.array(LlmsTxtLink),
  /** 1-based line of the H2, when parsed from a file. */
  line: z.number().int().positive().optional(),
});
export type LlmsTxtSection = z.infer<typeof LlmsTxtSection>;

/** The structure of an llms.txt file (https://llmstxt.org): H1 title, blockquote summary, prose, link sections. */
export const LlmsTxt = z.object({
  title: z.string(),
  summary: z.string().optional(),
  /** Markdown between the summary and the first H2. */
  info: z.string().optional(),
  sections: z.array(LlmsTxtSection),
});
export type LlmsTxt = z.infer<typeof LlmsTxt>;

export const FindingSeverity = z.enum(["error", "warning", "info"]);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

/** A deviation found in an llms.txt file; `code` is stable, `line` is 1-based when it has one. */
export const LlmsTxtFinding = z.object({
  code: z.string(),
  severity: FindingSeverity,
  line: z.number().int().positive().optional(),
  message: z.string(),
});
export type LlmsTxtFinding = z.infer<typeof LlmsTxtFinding>;

/**
 * Conformance: 0 not llms.txt (empty, HTML, binary or no H1); 1 H1 only; 2 H1 and link sections;
 * 3 also a summary and every link well-formed; 4 also every link resolving to markdown (checked).
 */
export const ConformanceLevel = z.union([
  z.literal(0),
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
]);
export type ConformanceLevel = z.infer<typeof ConformanceLevel>;

/** What the validator reports about one llms.txt (CLI `llms-txt validate --json`). */
export const LlmsTxtReport = z.object({
  source: z.string(),
  level: ConformanceLevel,
  /** Tokens of the file without its Optional sections, and of the whole file. */
  tokens: z.object({ core: z.number().int().nonnegative(), withOptional: z.number().int().nonnegative() }),
  sections: z.number().int().nonnegative(),
  links: z.number().int().nonnegative(),
  counts: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  findings: z.array(LlmsTxtFinding),
  /** Present with `--check-links`. */
  linkCheck: z
    .object({
      checked: z.number().int().nonnegative(),
      markdown: z.number().int().nonnegative(),
      html: z.number().int().nonnegative(),
      dead: z.number().int().nonnegative(),
      /** Tokens of the linked documents, without and with Optional (what llms-ctx files would hold). */
      contextTokens: z.object({
        core: z.number().int().nonnegative(),
        withOptional: z.number().int().nonnegative(),
      }),
    })
    .optional(),
  /** Present for a URL input or with `--sitemap`. */
  sitemap: z
    .object({
      url: z.string(),
      urls: z.number().int().nonnegative(),
      covered: z.number().int().nonnegative(),
      missing: z.array(z.string()),
    })
    .optional(),
  llmsTxt: LlmsTxt,
});
export type LlmsTxtReport = z.infer<typeof LlmsTxtReport>;

/** Input of `GET /v1/llms-txt/validate` and the MCP tool `validate_llms_txt`: another site's llms.txt, by URL. */
export const LlmsTxtValidateRequest = z.object({
  url: httpUrl.describe("The llms.txt to validate (an http(s) URL)"),
  checkLinks: flag
    .default(false)
    .describe("Fetch every link: dead links, HTML links whose .md twin exists, level 4"),
  sitemap: httpUrl
    .optional()
    .describe("Measure coverage against this sitemap (default: the one robots.txt names, else /sitemap.xml)"),
});
export type LlmsTxtValidateRequest = z.infer<typeof LlmsTxtValidateRequest>;

/** Input of `GET /v1/llms-txt/expand` and the MCP tool `read_llms_txt`. */
export const LlmsTxtExpandRequest = z.object({
  url: httpUrl.describe("The llms.txt to expand (an http(s) URL)"),
  optional: flag.default(false).describe("Include the Optional section (llms-ctx-full.txt)"),
  maxTokens: tokenCap
    .optional()
    .describe("Cut the context text at this many tokens (cl100k); the cut is reported"),
});
export type LlmsTxtExpandRequest = z.infer<typeof LlmsTxtExpandRequest>;

/** An llms.txt expanded into its context file: the text and how each linked document was obtained. */
export const LlmsTxtExpansion = z.object({
  source: z.string(),
  /** llms-ctx.txt (llms-ctx-full.txt with `optional`): every linked document wrapped in `<doc>`. */
  text: z.string(),
  /** Tokens of `text` as returned (after any cut). */
  tokens: z.number().int().nonnegative(),
  /** True when `text` was cut at maxTokens. */
  truncated: z.boolean(),
  docs: z.array(
    z.object({
      url: z.string(),
      via: z.enum(["markdown", "md-twin", "html", "failed"]),
      error: z.string().optional(),
    }),
  ),
});
export type LlmsTxtExpansion = z.infer<typeof LlmsTxtExpansion>;
