import { z } from "zod";

/** A heading-aware slice of a page's markdown: the unit of search and of context packs. */
export const Chunk = z.object({
  /** hash(url, ordinal, text): stable across re-crawls of an unchanged page. */
  id: z.string(),
  url: z.string(),
  site: z.string(),
  title: z.string(),
  ordinal: z.number().int().nonnegative(),
  headingPath: z.array(z.string()),
  anchor: z.string(),
  text: z.string(),
  tokens: z.number().int().nonnegative(),
});
export type Chunk = z.infer<typeof Chunk>;

/** A chunk with its embedding. */
export type EmbeddedChunk = Chunk & { vector: number[] };
