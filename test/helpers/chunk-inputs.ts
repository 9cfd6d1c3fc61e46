import type { ChunkSource } from "../../indexer/chunk/chunk-markdown.js";
import type { Heading } from "../../schemas/page.js";

/** Inputs shared by the chunker's tests. */
export function page(markdown: string, headings: Heading[] = []): ChunkSource {
  return {
    url: "https://docs.example.com/guide",
    site: "docs.example.com",
    title: "Guide",
    markdown,
    headings,
  };
}

/** Deterministic prose: distinct sentences of ~12 tokens. */
export function prose(sentences: number, seed = 0): string {
  const words = [
    "queue",
    "retry",
    "backoff",
    "worker",
    "index",
    "vector",
    "crawl",
    "budget",
    "token",
    "page",
  ];
  return Array.from({ length: sentences }, (_, i) => {
    const n = i + seed;
    return `The ${words[n % 10]} handles ${words[(n * 3) % 10]} number ${n} before the ${words[(n * 7) % 10]} ends.`;
  }).join(" ");
}
