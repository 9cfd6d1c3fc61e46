import type { Table as ArrowTable, Vector } from "apache-arrow";
import type { StoredChunk } from "./store.js";

/**
 * Search results as stored chunks, read column by column. `toArray()` would wrap every row in a
 * proxy and look each field up by name through it; on a 60-row result that was most of the
 * JS-side cost of a search. `score` turns the result's score column (`_score` for full text,
 * `_distance` for vectors) into the chunk's score.
 *
 * @example storedChunks(await query.toArrow(), "_score", (s) => s)
 */
export function storedChunks(
  table: ArrowTable,
  scoreColumn: "_score" | "_distance",
  score: (raw: number) => number,
): StoredChunk[] {
  // An empty result may come without batches, and so without columns.
  if (table.numRows === 0) return [];
  const column = (name: string): Vector => {
    const vector = table.getChild(name);
    if (!vector) throw new Error(`search result has no ${name} column`);
    return vector;
  };
  const id = column("id");
  const url = column("url");
  const site = column("site");
  const path = column("path");
  const title = column("title");
  const ordinal = column("ordinal");
  const headingPath = column("headingPath");
  const anchor = column("anchor");
  const text = column("text");
  const tokens = column("tokens");
  const embedded = column("embedded");
  const raw = column(scoreColumn);
  const out: StoredChunk[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    out[i] = {
      id: String(id.get(i)),
      url: String(url.get(i)),
      site: String(site.get(i)),
      path: String(path.get(i)),
      title: String(title.get(i)),
      ordinal: Number(ordinal.get(i)),
      headingPath: listOf(headingPath.get(i)),
      anchor: String(anchor.get(i)),
      text: String(text.get(i)),
      tokens: Number(tokens.get(i)),
      embedded: Boolean(embedded.get(i)),
      score: score(Number(raw.get(i))),
    };
  }
  return out;
}

/** A list column's value as strings (an Arrow vector, or an array from `toArray()` rows). */
export function listOf(value: unknown): string[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value.map(String);
  const v = value as { toArray?: () => unknown[] };
  return v.toArray ? Array.from(v.toArray(), String) : [];
}
