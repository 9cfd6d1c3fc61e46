import { writeFileSync } from "node:fs";
import { AuditReportFormat, AuditRequest } from "../../../schemas/audit.js";
import { AgentwebError } from "../../../schemas/errors.js";
import { auditOptionsFrom, auditSite, DEFAULT_AUDIT_PAGES } from "../../ops/audit-site.js";
import { parseInput } from "../../ops/error-view.js";
import { presentAudit } from "../../ops/present.js";
import { intFlag, parseCommandArgs } from "../args.js";
import { loadConfig } from "../config-loader.js";
import { commandHelp } from "../help.js";
import type { CommandIo } from "./command.js";

export const AUDIT_HELP = commandHelp({
  usage: "agentweb audit URL [options]",
  about: `How ready a site is for AI agents: samples pages (the start page, llms.txt and sitemap entries,
navigation links) and checks AI crawler access in robots.txt, llms.txt and markdown versions, the
sitemap, text readable without JavaScript (plain HTTP vs Chromium), token weight, and structure and
metadata. Prints a 0-100 score, findings with evidence, a fix list ordered by impact and, when
llms.txt is missing or weak, a suggested llms.txt.`,
  flags: [
    { flag: "--max-pages N", text: "pages to sample", default: DEFAULT_AUDIT_PAGES },
    { flag: "--format FORMAT", text: "md (default), json, or html (one self-contained file)" },
    { flag: "--json", text: "same as --format json" },
    { flag: "--out FILE", text: "write the report to FILE instead of stdout" },
    { flag: "--fail-under N", text: "exit 1 when the score is under N (for CI)" },
    { flag: "--no-render", text: "skip Chromium (the JavaScript check then uses the extractor's signals)" },
  ],
  footer:
    "Exit codes: 0 done; 1 score under --fail-under; 2 could not do it (bad usage, start URL unreachable).",
});

/**
 * \`agentweb audit URL\`.
 *
 * @example await auditCommand(["https://docs.example.com/", "--format", "html", "--out", "audit.html"], io) // 0 or 1
 */
export async function auditCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    "max-pages": { type: "string" },
    format: { type: "string" },
    out: { type: "string" },
    "fail-under": { type: "string" },
    "no-render": { type: "boolean" },
  });
  if (values.help) {
    io.out(AUDIT_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new AgentwebError("BAD_USAGE", "audit needs one URL (see agentweb audit --help)");
  const format = AuditReportFormat.safeParse(values.json ? "json" : (values.format ?? "md")).data;
  if (!format) throw new AgentwebError("BAD_USAGE", `--format takes md, json or html (got ${values.format})`);
  const failUnder = intFlag("fail-under", values["fail-under"]);
  const request = parseInput(AuditRequest, {
    url: positionals[0],
    maxPages: intFlag("max-pages", values["max-pages"]),
  });
  const config = loadConfig({ configFile: values.config, env: io.env, flags: { data: values.data } });
  const live = io.stderr.isTTY === true;
  const report = await auditSite(request, {
    ...auditOptionsFrom(config),
    ...(values["no-render"] ? { chromiumPath: false } : {}),
    ...(live
      ? {
          onProgress: (step: string, pages: number) =>
            io.stderr.write(`\raudit: ${step} (${pages} pages)   `),
        }
      : {}),
  });
  if (live) io.stderr.write("\n");
  const { text } = presentAudit(report, format);
  if (values.out) writeFileSync(values.out, text);
  else io.out(text.trimEnd());
  return failUnder !== undefined && report.score < failUnder ? 1 : 0;
}
