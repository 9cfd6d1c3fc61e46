import { formatLlmsTxt } from "../../crawler/llms-txt/format.js";
import type { LlmsTxt } from "../../schemas/llms-txt.js";
import { countTokens } from "../../schemas/tokens.js";
import { shorten } from "./describe-page.js";

/** What fitting the core file into its budget cost. */
export interface BudgetReport {
  maxTokens: number;
  coreTokens: number;
  fits: boolean;
  descriptionsShortenedTo?: number;
  movedToOptional: number;
}

/**
 * Keeps the core of an llms.txt (everything but Optional) within `maxTokens`: first shortens
 * descriptions (120, 60 characters, then none), then moves the last links of the core — the ones a
 * reader meets last — into Optional, never the first link of a section. Returns the new file.
 *
 * @example const { doc, report } = fitBudget(doc, 2000);
 */
export function fitBudget(doc: LlmsTxt, maxTokens: number): { doc: LlmsTxt; report: BudgetReport } {
  const core = (d: LlmsTxt) =>
    countTokens(formatLlmsTxt({ ...d, sections: d.sections.filter((s) => !s.optional) }));
  const report: BudgetReport = { maxTokens, coreTokens: core(doc), fits: true, movedToOptional: 0 };
  if (report.coreTokens <= maxTokens) return { doc, report };
  let current = doc;
  for (const limit of [120, 60, 0]) {
    current = withDescriptions(doc, limit);
    report.descriptionsShortenedTo = limit;
    if (core(current) <= maxTokens) return { doc: current, report: { ...report, coreTokens: core(current) } };
  }
  const sections = current.sections.map((s) => ({ ...s, links: [...s.links] }));
  let optional = sections.find((s) => s.optional);
  if (!optional) {
    optional = { name: "Optional", optional: true, links: [] };
    sections.push(optional);
  }
  const moved: typeof optional.links = [];
  const fitsNow = () => core({ ...current, sections }) <= maxTokens;
  while (!fitsNow()) {
    const from = [...sections].reverse().find((s) => !s.optional && s.links.length > 1);
    if (!from) break;
    moved.unshift(from.links.pop()!);
  }
  optional.links.unshift(...moved);
  const result = { ...current, sections: sections.filter((s) => s.links.length > 0) };
  return {
    doc: result,
    report: { ...report, coreTokens: core(result), fits: fitsNow(), movedToOptional: moved.length },
  };
}

function withDescriptions(doc: LlmsTxt, limit: number): LlmsTxt {
  return {
    ...doc,
    sections: doc.sections.map((s) => ({
      ...s,
      links: s.links.map(({ notes, ...link }) =>
        limit > 0 && notes ? { ...link, notes: shorten(notes, limit) } : link,
      ),
    })),
  };
}
