import type { Chunk } from "../../schemas/chunk.js";

/**
 * The text the encoder sees for a chunk: the heading path gives a short chunk its topic (the
 * bundled encoder reads only ~128 wordpieces, so the path goes first).
 *
 * @example embeddingText({ title: "Retries", headingPath: ["Retries", "Backoff"], text: "…" }) // "Retries > Backoff\n…"
 */
export function embeddingText(chunk: Pick<Chunk, "headingPath" | "text" | "title">): string {
  const path = chunk.headingPath.length ? chunk.headingPath.join(" > ") : chunk.title;
  return `${path}\n${chunk.text}`;
}
