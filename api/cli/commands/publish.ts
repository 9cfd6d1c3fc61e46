import { AgentwebError } from "../../../schemas/errors.js";
import { openIndex } from "../../ops/index-handle.js";
import { type OwnLlmsTxtReport, publishSite } from "../../ops/publish-site.js";
import { intFlag, parseCommandArgs } from "../args.js";
import { loadConfig } from "../config-loader.js";
import { CONFIG_FLAGS, commandHelp } from "../help.js";
import type { CommandIo } from "./command.js";

export const PUBLISH_HELP = commandHelp({
  usage: "agentweb publish --out-dir DIR [options]",
  about: `Writes, from the index: llms.txt, llms-full.txt, llms-ctx.txt, llms-ctx-full.txt and a .md twin of
every page at its path (index.html.md for a directory URL). A path name over 255 bytes is written
under a shorter one (its start + a hash of the whole name), listed in the output; llms.txt still
links the page's own path. A file that cannot be written is reported and the others are written
(exit 1).`,
  flags: [
    CONFIG_FLAGS.data,
    { flag: "--site ID", text: "the site to publish (default: the only indexed site)" },
    { flag: "--out-dir DIR", text: "where to write the files" },
    { flag: "--base-url URL", text: "where the .md twins will be served (default: the site's own origin)" },
    { flag: "--max-tokens N", text: "keep llms.txt without its Optional section within N tokens" },
    {
      flag: "--merge-own",
      text: 'when the site publishes its own llms.txt, write theirs first and add only the pages it lacks, in sections marked "(added)" (without it, publish only says so)',
    },
    { flag: "--json", text: "print a JSON summary on stdout" },
  ],
});

/**
 * `agentweb publish`.
 *
 * @example await publishCommand(["--data", "./.agentweb", "--out-dir", "./public"], io) // 0
 */
export async function publishCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    site: { type: "string" },
    "out-dir": { type: "string" },
    "base-url": { type: "string" },
    "max-tokens": { type: "string" },
    "merge-own": { type: "boolean" },
  });
  if (values.help) {
    io.out(PUBLISH_HELP);
    return 0;
  }
  const outDir = values["out-dir"];
  if (!outDir || positionals.length)
    throw new AgentwebError(
      "BAD_USAGE",
      "publish needs --out-dir DIR and no arguments (see agentweb publish --help)",
    );
  const baseUrl = values["base-url"];
  if (baseUrl && !/^https?:\/\/[^/]/i.test(baseUrl))
    throw new AgentwebError("BAD_USAGE", `--base-url takes an http(s) URL (got ${baseUrl})`);
  const maxTokens = intFlag("max-tokens", values["max-tokens"]);
  if (maxTokens !== undefined && maxTokens < 1)
    throw new AgentwebError("BAD_USAGE", "--max-tokens must be at least 1");
  const config = loadConfig({ configFile: values.config, env: io.env, flags: { data: values.data } });
  const index = await openIndex(config, { write: false, owner: "publish" });
  try {
    const { site, written, shortened, failed, publication, own } = await publishSite(index, {
      site: values.site,
      outDir,
      baseUrl,
      maxTokens,
      mergeOwn: values["merge-own"] === true,
    });
    const { stats } = publication;
    if (values.json)
      io.out(
        JSON.stringify({
          site,
          outDir,
          files: written,
          ...stats,
          shortened,
          failed,
          ...(own ? { own } : {}),
        }),
      );
    else {
      if (own) io.out(ownLine(own));
      io.out(
        `site ${site}: wrote ${written} files to ${outDir} (${stats.listed} pages listed, ${stats.optional} under Optional)`,
      );
      for (const [name, tokens] of Object.entries(stats.tokens)) io.out(`  ${name}: ${tokens} tokens`);
      for (const s of shortened) io.out(`  name too long, written as ${s.file}: ${s.path}`);
    }
    for (const f of failed) io.stderr.write(`agentweb publish: could not write ${f.path}: ${f.code}\n`);
    if (stats.budget && !stats.budget.fits) {
      io.stderr.write(
        `agentweb publish: llms.txt core is ${stats.budget.coreTokens} tokens, over --max-tokens ${stats.budget.maxTokens}\n`,
      );
      return 1;
    }
    if (failed.length) return 1;
    return 0;
  } finally {
    await index.close();
  }
}

function ownLine(own: OwnLlmsTxtReport): string {
  const compared = `${own.common} of its ${own.theirs} pages are in ours, which lists ${own.missingFromTheirs} more`;
  return own.merged
    ? `the site publishes its own llms.txt (${own.url}): written first, with the ${own.missingFromTheirs} pages it lacks in sections marked (added)`
    : `the site publishes its own llms.txt (${own.url}): ${compared}; --merge-own keeps theirs first and adds ours`;
}
