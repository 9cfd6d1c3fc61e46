import { AgentwebError } from "../../../schemas/errors.js";
import { openIndex } from "../../ops/index-handle.js";
import { reindexVectors, startEmbedder } from "../../ops/reindex.js";
import { parseCommandArgs } from "../args.js";
import { loadConfig } from "../config-loader.js";
import { CONFIG_FLAGS, commandHelp } from "../help.js";
import type { CommandIo } from "./command.js";

export const REINDEX_HELP = commandHelp({
  usage: "agentweb reindex --embedder NAME",
  about: `Rebuilds every vector of the index with another embedder, without crawling again (chunks and the
full-text index stay as they are). Interrupted, it resumes where it stopped when run again.`,
  flags: [
    {
      ...CONFIG_FLAGS.embedder,
      text: "static (distilled from the bundled encoder), bundled (the offline encoder),\nopenai (AGENTWEB_EMBEDDER_URL, _MODEL, _DIMS) or onnx (a local model directory\nin AGENTWEB_EMBEDDER_MODEL_PATH; needs the optional @huggingface/transformers)",
    },
    CONFIG_FLAGS.data,
    { flag: "--json", text: 'machine output: {"embedded":N,"embedder":"..."}' },
  ],
});

/** `agentweb reindex --embedder NAME`. */
export async function reindexCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { embedder: { type: "string" } });
  if (values.help) {
    io.out(REINDEX_HELP);
    return 0;
  }
  if (positionals.length || !values.embedder) {
    throw new AgentwebError("BAD_USAGE", "usage: agentweb reindex --embedder bundled|static|openai|onnx");
  }
  const config = loadConfig({
    configFile: values.config,
    env: io.env,
    flags: { data: values.data, embedder: values.embedder },
  });
  const embedder = await startEmbedder(config);
  if (!embedder)
    throw new AgentwebError(
      "BAD_USAGE",
      "reindex needs an embedder (bundled, static, openai or onnx), not none",
    );
  const index = await openIndex(config, { write: true, owner: "reindex" });
  try {
    const tty = io.stderr.isTTY;
    const result = await reindexVectors(index, embedder, (n) => {
      if (tty) io.stderr.write(`\rembedded ${n} chunks`);
    });
    if (tty) io.stderr.write("\n");
    io.out(
      values.json ? JSON.stringify(result) : `re-embedded ${result.embedded} chunks with ${result.embedder}`,
    );
    return 0;
  } finally {
    await embedder.close();
    await index.close();
  }
}
