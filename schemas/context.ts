import { z } from "zod";
import { SearchMode } from "./search.js";

/**
 * One context input, shared by the CLI, HTTP and MCP: a question and a token budget. The budget is
 * a hard ceiling counted with the one tokenizer (schemas/tokens.ts), never an estimate.
 */
export const ContextRequest = z.object({
  q: z
    .string()
    .trim()
    .min(1, "q must not be empty")
    .max(1000)
    .describe("The question or topic, in plain words"),
  maxTokens: z.coerce
    .number()
    .int()
    .min(16)
    .max(100_000)
    .default(4000)
    .describe("Hard ceiling on the tokens of the returned context (cl100k)"),
  site: z.string().min(1).optional().describe("Only this site (a siteId from list_sites)"),
  path: z
    .string()
    .startsWith("/", "path must start with /")
    .optional()
    .describe("Only URLs whose path starts with this"),
  mode: SearchMode.optional().describe("Retrieval mode; the server's default (full text) when omitted"),
  format: z
    .enum(["json", "markdown"])
    .default("json")
    .describe("json: parts; markdown: one text with a citation per part"),
});
export type ContextRequest = z.infer<typeof ContextRequest>;
export type ContextRequestInput = z.input<typeof ContextRequest>;

/** A run of adjacent chunks of one page, cited by its first chunk's `url#anchor`. */
export const ContextPart = z.object({
  citation: z.string(),
  url: z.string(),
  title: z.string(),
  headingPath: z.array(z.string()),
  text: z.string(),
  tokens: z.number().int(),
});
export type ContextPart = z.infer<typeof ContextPart>;

/** The best chunks for a question, merged per page in document order; `totalTokens ≤ budget`. */
export const ContextPack = z.object({
  query: z.string(),
  budget: z.number().int(),
  totalTokens: z.number().int(),
  parts: z.array(ContextPart),
});
export type ContextPack = z.infer<typeof ContextPack>;
