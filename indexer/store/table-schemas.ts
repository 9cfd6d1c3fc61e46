import { Bool, Field, FixedSizeList, Float32, Int32, List, Schema, Utf8 } from "apache-arrow";

/** One row per page; structured fields travel as JSON text (they are read whole, never filtered). */
export const PAGES_SCHEMA = new Schema([
  new Field("url", new Utf8(), false),
  new Field("site", new Utf8(), false),
  new Field("path", new Utf8(), false),
  new Field("finalUrl", new Utf8(), false),
  new Field("title", new Utf8(), false),
  new Field("description", new Utf8(), false),
  new Field("lang", new Utf8(), false),
  new Field("markdown", new Utf8(), false),
  new Field("contentHash", new Utf8(), false),
  new Field("fetchedVia", new Utf8(), false),
  new Field("fetchedAt", new Utf8(), false),
  new Field("tokensHtml", new Int32(), false),
  new Field("tokensMarkdown", new Int32(), false),
  new Field("links", new Utf8(), false),
  new Field("headings", new Utf8(), false),
  new Field("removed", new Utf8(), false),
  new Field("etag", new Utf8(), true),
  new Field("lastModified", new Utf8(), true),
]);

/**
 * One row per chunk. `content` (heading path + text) carries the full-text index; `embedded` is
 * false until the vector is computed, so full-text search works while embeddings are pending.
 */
export function chunksSchema(dims: number): Schema {
  return new Schema([
    new Field("id", new Utf8(), false),
    new Field("url", new Utf8(), false),
    new Field("site", new Utf8(), false),
    new Field("path", new Utf8(), false),
    new Field("title", new Utf8(), false),
    new Field("ordinal", new Int32(), false),
    new Field("headingPath", new List(new Field("item", new Utf8(), true)), false),
    new Field("anchor", new Utf8(), false),
    new Field("text", new Utf8(), false),
    new Field("content", new Utf8(), false),
    new Field("tokens", new Int32(), false),
    new Field("embedded", new Bool(), false),
    new Field("vector", new FixedSizeList(dims, new Field("item", new Float32(), true)), false),
  ]);
}
