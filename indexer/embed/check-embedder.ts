import { AgentwebError } from "../../schemas/errors.js";
import type { DataDirMeta } from "../store/data-dir.js";
import type { Embedder } from "./embedder.js";

/**
 * Refuses an embedder other than the one whose vectors are in the index: vectors of two embedders
 * (or two widths) are not comparable, and a query would return nonsense without any error. Sites
 * indexed without vectors ("none") match anything.
 *
 * @example assertEmbedderMatches(dataDir.readMeta(), embedder) // throws when a site was built by another
 */
export function assertEmbedderMatches(meta: DataDirMeta, embedder: Embedder): void {
  for (const record of Object.values(meta.sites)) {
    if (!record.embedder || record.embedder === "none") continue;
    if (record.embedder !== embedder.name || (record.dims && record.dims !== embedder.dims)) {
      throw new AgentwebError(
        "INVALID_INPUT",
        `site ${record.site} was indexed with embedder ${record.embedder} (${record.dims}-d) but this run uses ${embedder.name} (${embedder.dims}-d); set --embedder (AGENTWEB_EMBEDDER) to ${configuredAs(record.embedder)}, or rebuild the vectors with \`agentweb reindex --embedder NAME\``,
        { data: { site: record.site, indexed: record.embedder, configured: embedder.name } },
      );
    }
  }
}

/** How to configure the embedder that recorded `name` ("static-use-lite-512", "onnx:all-MiniLM-L6-v2" …). */
function configuredAs(name: string): string {
  if (name.startsWith("static")) return "static";
  if (name.startsWith("bundled")) return "bundled";
  const [kind, model] = [name.slice(0, name.indexOf(":")), name.slice(name.indexOf(":") + 1)];
  if (kind === "onnx") return `onnx with the model ${model} (AGENTWEB_EMBEDDER_MODEL_PATH=…/${model})`;
  if (kind === "openai") return `openai with the model ${model} (AGENTWEB_EMBEDDER_MODEL)`;
  return name;
}
