import { AgentwebError } from "../../schemas/errors.js";
import type { Embedder } from "./embedder.js";

/** Inputs per request: servers cap batch sizes (OpenAI 2048, many local servers far lower). */
const BATCH = 64;

/**
 * An embedder behind an OpenAI-compatible `POST {baseUrl}/embeddings` (OpenAI, Ollama, llama.cpp,
 * vLLM, LM Studio, TEI …). The dimension is learned from the first answer when not given, and
 * every answer is checked: a vector of another width, a missing index or a non-2xx status is an
 * EMBEDDER_FAILED error naming the server, never a silently wrong index.
 *
 * @example
 * const embedder = await createOpenAiEmbedder({ baseUrl: "http://127.0.0.1:11434/v1", model: "nomic-embed-text" });
 * const [v] = await embedder.embed(["how do I configure retries"]);
 */
export async function createOpenAiEmbedder(options: {
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  dims?: number | undefined;
  timeoutMs?: number;
}): Promise<Embedder> {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/embeddings`;
  const call = async (input: string[]): Promise<Float32Array[]> => {
    let res: Response;
    try {
      res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({ model: options.model, input, encoding_format: "float" }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
    } catch (cause) {
      throw new AgentwebError("EMBEDDER_FAILED", `embeddings endpoint ${url} unreachable`, { cause });
    }
    if (!res.ok) {
      const detail = (await res.text().catch(() => "")).slice(0, 200);
      throw new AgentwebError(
        "EMBEDDER_FAILED",
        `embeddings endpoint ${url} answered ${res.status}: ${detail}`,
      );
    }
    const body = (await res.json().catch(() => undefined)) as
      | { data?: { index?: number; embedding?: number[] }[] }
      | undefined;
    const out: Float32Array[] = new Array(input.length);
    for (const [i, item] of (body?.data ?? []).entries()) {
      const at = item.index ?? i;
      if (Array.isArray(item.embedding) && at >= 0 && at < input.length)
        out[at] = Float32Array.from(item.embedding);
    }
    if (out.filter(Boolean).length !== input.length) {
      throw new AgentwebError(
        "EMBEDDER_FAILED",
        `embeddings endpoint ${url} returned ${body?.data?.length ?? 0} vectors for ${input.length} inputs`,
      );
    }
    return out;
  };
  const dims = options.dims ?? (await call(["dimension probe"]))[0]!.length;
  return {
    name: `openai:${options.model}`,
    dims,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) out.push(...(await call(texts.slice(i, i + BATCH))));
      for (const v of out) {
        if (v.length !== dims)
          throw new AgentwebError(
            "EMBEDDER_FAILED",
            `embeddings endpoint ${url} returned ${v.length}-d vectors, expected ${dims}`,
          );
      }
      return out;
    },
    async close() {},
  };
}
