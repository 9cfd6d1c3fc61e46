import { AgentwebError } from "../../../schemas/errors.js";
import {
  expandLlmsTxtSource,
  formatLlmsTxtReport,
  type LlmsTxtFetchOptions,
  validateLlmsTxtSource,
} from "../../ops/llms-txt.js";
import { parseCommandArgs } from "../args.js";
import { loadConfig } from "../config-loader.js";
import { commandHelp } from "../help.js";
import type { CommandIo } from "./command.js";

export const LLMS_TXT_HELP = commandHelp({
  usage:
    "agentweb llms-txt validate FILE|URL [--json] [--check-links] [--sitemap URL]\n       agentweb llms-txt expand FILE|URL [--optional] [--out FILE]",
  about: `validate  checks an llms.txt: findings with line numbers, a conformance level (0 not llms.txt,
          1 H1 only, 2 H1 and link sections, 3 also a summary and well-formed links, 4 also every
          link resolving to markdown, which needs --check-links), tokens without and with Optional,
          duplicate links, and coverage of the site's sitemap (found for a URL, or --sitemap URL).
expand    builds the context file (llms-ctx.txt; llms-ctx-full.txt with --optional): every linked
          document fetched, its .md twin preferred, wrapped in <project>/<doc> elements.`,
  flags: [
    {
      flag: "--check-links",
      text: "fetch every link: dead links, HTML links whose .md twin exists, level 4",
    },
    { flag: "--sitemap URL", text: "measure coverage against this sitemap" },
    { flag: "--optional", text: "expand: include the Optional section" },
    { flag: "--out FILE", text: "expand: write to FILE instead of stdout" },
    { flag: "--json", text: "validate: print the report as JSON" },
  ],
  footer:
    "Exit codes: 0 no errors; 1 errors found (validate) or documents missing (expand); 2 could not read the file.",
});

/**
 * `agentweb llms-txt validate|expand`.
 *
 * @example await llmsTxtCommand(["validate", "https://x.dev/llms.txt", "--check-links"], io) // 0, 1 or 2
 */
export async function llmsTxtCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    "check-links": { type: "boolean" },
    sitemap: { type: "string" },
    optional: { type: "boolean" },
    out: { type: "string" },
  });
  if (values.help) {
    io.out(LLMS_TXT_HELP);
    return 0;
  }
  const [action, source, ...extra] = positionals;
  if ((action !== "validate" && action !== "expand") || !source || extra.length) {
    throw new AgentwebError(
      "BAD_USAGE",
      "usage: agentweb llms-txt validate|expand FILE|URL (see agentweb llms-txt --help)",
    );
  }
  const config = loadConfig({ configFile: values.config, env: io.env, flags: { data: values.data } });
  const fetchOptions: LlmsTxtFetchOptions = {
    userAgent: config.userAgent,
    timeoutMs: Math.min(config.requestTimeoutMs, 15_000),
    maxBytes: config.maxBodyBytes,
  };
  if (action === "expand") {
    const { text, docs } = await expandLlmsTxtSource(
      { source, optional: values.optional ?? false },
      fetchOptions,
    );
    if (values.out) {
      const { writeFileSync } = await import("node:fs");
      writeFileSync(values.out, text);
    } else io.out(text.trimEnd());
    const failed = docs.filter((d) => d.via === "failed");
    for (const d of failed) io.stderr.write(`agentweb llms-txt expand: left out ${d.url} (${d.error})\n`);
    return failed.length ? 1 : 0;
  }
  const report = await validateLlmsTxtSource(
    { source, checkLinks: values["check-links"] ?? false, sitemapUrl: values.sitemap },
    fetchOptions,
  );
  if (values.json) io.out(JSON.stringify(report));
  else io.out(formatLlmsTxtReport(report, "--check-links"));
  return report.counts.error > 0 ? 1 : 0;
}
