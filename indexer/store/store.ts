import * as lancedb from "@lancedb/lancedb";
import type { Chunk } from "../../schemas/chunk.js";
import { AgentwebError } from "../../schemas/errors.js";
import type { Page } from "../../schemas/page.js";
import { withIdentifierVariants } from "./identifier-variants.js";
import { type ChunkRow, fromPageRow, scopeFilter, sqlString, toChunkRow, toPageRow } from "./rows.js";
import { listOf, storedChunks } from "./search-rows.js";
import { chunksSchema, PAGES_SCHEMA } from "./table-schemas.js";

/** A stored chunk as search reads it. */
export type StoredChunk = Omit<ChunkRow, "vector" | "content"> & { score: number };

const CHUNK_COLUMNS = [
  "id",
  "url",
  "site",
  "path",
  "title",
  "ordinal",
  "headingPath",
  "anchor",
  "text",
  "tokens",
  "embedded",
];

/** Below this many vectors a flat scan is as fast as an index (the README has the figures). */
const VECTOR_INDEX_MIN_ROWS = 2000;

/** Candidates re-scored with exact distances per result wanted, when the vector index answers. */
const REFINE = 5;

/**
 * The LanceDB index: a `pages` table and a `chunks` table with a full-text index on `content` and
 * vectors on `vector`. Writes are idempotent (merge by key); a page's chunks change in one commit.
 *
 * @example
 * const store = await openStore({ dir: "./.agentweb/index", dims: 512 });
 * await store.replacePage(page, chunks);
 * const hits = await store.searchText("configure retries", { site: "docs.example.com" }, 10);
 */
export async function openStore(options: {
  dir: string;
  dims: number;
  readConsistencySec?: number;
  /** Open existing tables only: a reader never creates them (two readers would race to). */
  readOnly?: boolean;
  /** Vectors below this count are searched by a flat scan (see buildVectorIndex). */
  vectorIndexMinRows?: number;
}) {
  const db = await lancedb.connect(options.dir, { readConsistencyInterval: options.readConsistencySec ?? 1 });
  const names = new Set(await db.tableNames());
  if (options.readOnly && !(names.has("pages") && names.has("chunks")))
    throw new AgentwebError("NOT_FOUND", `no index in ${options.dir} yet (a writer creates it)`);
  const pages = names.has("pages")
    ? await db.openTable("pages")
    : await db.createEmptyTable("pages", PAGES_SCHEMA);
  const chunks = names.has("chunks")
    ? await db.openTable("chunks")
    : await db.createEmptyTable("chunks", chunksSchema(options.dims));
  const buildTextIndex = () =>
    chunks.createIndex("content", {
      config: lancedb.Index.fts({
        // Positions (phrase queries only) made the build hang on the PostgreSQL manual (8,790
        // chunks, LanceDB 0.31); without them it takes ~4 s. Nothing here issues phrase queries.
        withPosition: false,
        stem: true,
        language: "English",
        removeStopWords: true,
      }),
      replace: true,
    });
  // Created with the table so full-text search works from the first row; rows added later are
  // searched unindexed until the index is rebuilt at the end of a crawl.
  if (!names.has("chunks")) await buildTextIndex();

  const toStored = (row: Record<string, unknown>, score: number): StoredChunk => ({
    id: String(row.id),
    url: String(row.url),
    site: String(row.site),
    path: String(row.path),
    title: String(row.title),
    ordinal: Number(row.ordinal),
    headingPath: listOf(row.headingPath),
    anchor: String(row.anchor),
    text: String(row.text),
    tokens: Number(row.tokens),
    embedded: Boolean(row.embedded),
    score,
  });

  /**
   * Stores pages and replaces their chunks, the whole batch in one commit per table: insert new
   * chunk ids and delete the pages' other chunks, then upsert the page rows. A chunk id hashes its
   * text, so a matched id is an unchanged chunk and keeps its vector. Page rows are written last: a
   * crash in between leaves the old page rows (and the next crawl redoes those pages), never a page
   * pointing at missing chunks. `vectorsFor` embeds the new chunks before they are written (an
   * embedder fast enough to run inline); otherwise they are stored without vectors and returned,
   * to be filled in by `setVectors`.
   */
  const replacePages = async (
    batch: { page: Page; chunks: Chunk[] }[],
    vectorsFor?: (fresh: ChunkRow[]) => Promise<Float32Array[]>,
  ): Promise<ChunkRow[]> => {
    // The last copy of a URL wins, as it would with one commit per page.
    const byUrl = new Map(batch.map((entry) => [entry.page.url, entry]));
    if (byUrl.size === 0) return [];
    const inBatch = `url IN (${[...byUrl.keys()].map(sqlString).join(", ")})`;
    const known = await chunks.query().where(inBatch).select(["id"]).toArray();
    const knownIds = new Set(known.map((r) => String(r.id)));
    const rows = [...byUrl.values()].flatMap((e) => e.chunks.map((c) => toChunkRow(c, options.dims)));
    let fresh = rows.filter((r) => !knownIds.has(r.id));
    if (vectorsFor && fresh.length > 0) {
      const vectors = await vectorsFor(fresh);
      fresh.forEach((row, i) => {
        row.vector = Array.from(vectors[i]!);
        row.embedded = true;
      });
      fresh = [];
    }
    await chunks
      .mergeInsert("id")
      .whenNotMatchedInsertAll()
      .whenNotMatchedBySourceDelete({ where: inBatch })
      .execute(rows as unknown as Record<string, unknown>[]);
    await pages
      .mergeInsert("url")
      .whenMatchedUpdateAll()
      .whenNotMatchedInsertAll()
      .execute([...byUrl.values()].map((e) => toPageRow(e.page)) as unknown as Record<string, unknown>[]);
    return fresh;
  };

  return {
    dims: options.dims,

    replacePages,

    /** One page: `replacePages` with a batch of one. Returns the chunks to embed. */
    replacePage(page: Page, pageChunks: Chunk[]): Promise<ChunkRow[]> {
      return replacePages([{ page, chunks: pageChunks }]);
    },

    /** Fills in vectors; chunks replaced meanwhile by a newer crawl are left alone. */
    async setVectors(rows: ChunkRow[], vectors: Float32Array[]): Promise<void> {
      if (rows.length === 0) return;
      const updated = rows.map((r, i) => ({ ...r, embedded: true, vector: Array.from(vectors[i]!) }));
      await chunks
        .mergeInsert("id")
        .whenMatchedUpdateAll()
        .execute(updated as unknown as Record<string, unknown>[]);
    },

    /** Chunks still waiting for a vector (after an interrupted crawl, or an embedder that was off). */
    async pendingChunks(limit = 10_000): Promise<ChunkRow[]> {
      const rows = await chunks
        .query()
        .where("embedded = false")
        .select([...CHUNK_COLUMNS, "content"])
        .limit(limit)
        .toArray();
      // Without `score`: these rows go back into the table (setVectors), which has no such column.
      return rows.map((r) => {
        const { score: _, ...row } = toStored(r, 0);
        return { ...row, content: String(r.content), vector: [] };
      });
    },

    /** Marks every chunk as waiting for a vector: `reindex` then refills them with another embedder. */
    async markAllPending(): Promise<void> {
      await chunks.update({ where: "embedded = true", values: { embedded: false } });
    },

    async getPage(url: string): Promise<Page | undefined> {
      const rows = await pages
        .query()
        .where(`url = ${sqlString(url)}`)
        .limit(1)
        .toArray();
      return rows[0] ? fromPageRow(rows[0]) : undefined;
    },

    /** Every stored page of a site, by URL (publishing reads a site whole). */
    async listPages(site: string): Promise<Page[]> {
      const rows = await pages
        .query()
        .where(`site = ${sqlString(site)}`)
        .toArray();
      return rows.map(fromPageRow).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    },

    /** Every stored page's URL and links, JSON-encoded (inbound-anchors.ts reads what pages call each other). */
    async pageLinks(): Promise<Array<{ url: string; links: string }>> {
      const rows = await pages.query().select(["url", "links"]).toArray();
      return rows.map((r) => ({ url: String(r.url), links: String(r.links) }));
    },

    /** Content hash per stored URL of a site: lets a re-crawl skip unchanged pages. */
    async pageHashes(site: string): Promise<Map<string, string>> {
      const rows = await pages
        .query()
        .where(`site = ${sqlString(site)}`)
        .select(["url", "contentHash"])
        .toArray();
      return new Map(rows.map((r) => [String(r.url), String(r.contentHash)]));
    },

    async deletePage(url: string): Promise<void> {
      await chunks.delete(`url = ${sqlString(url)}`);
      await pages.delete(`url = ${sqlString(url)}`);
    },

    async deleteSite(site: string): Promise<void> {
      await chunks.delete(`site = ${sqlString(site)}`);
      await pages.delete(`site = ${sqlString(site)}`);
    },

    async counts(site?: string): Promise<{ pages: number; chunks: number; embedded: number }> {
      const filter = site ? `site = ${sqlString(site)}` : undefined;
      const embeddedFilter = filter ? `${filter} AND embedded = true` : "embedded = true";
      return {
        pages: await pages.countRows(filter),
        chunks: await chunks.countRows(filter),
        embedded: await chunks.countRows(embeddedFilter),
      };
    },

    /** Rebuilds the full-text index over every row. */
    buildTextIndex,

    /**
     * An HNSW index (scalar-quantised, cosine) over the vectors, once there are enough of them for
     * a flat scan to cost more than the index, which ranks pages the same. Rows added later are
     * scanned flat until `optimize` folds them in. Returns whether an index now exists.
     */
    async buildVectorIndex(): Promise<boolean> {
      const embedded = await chunks.countRows("embedded = true");
      if (embedded < (options.vectorIndexMinRows ?? VECTOR_INDEX_MIN_ROWS)) return false;
      await chunks.createIndex("vector", {
        config: lancedb.Index.hnswSq({ distanceType: "cosine", numPartitions: 1 }),
        replace: true,
      });
      return true;
    },

    /** Compacts the many small commits of a crawl and drops old versions. */
    async optimize(): Promise<void> {
      const olderThan = new Date(Date.now() - 60_000);
      await chunks.optimize({ cleanupOlderThan: olderThan });
      await pages.optimize({ cleanupOlderThan: olderThan });
    },

    async searchText(
      query: string,
      scope: { site?: string | undefined; path?: string | undefined },
      limit: number,
    ): Promise<StoredChunk[]> {
      // The same identifier expansion as the indexed content, so `max_connections` in a question
      // meets the joined token; against an index built before it, the extra terms just miss.
      let q = chunks.query().fullTextSearch(withIdentifierVariants(query), { columns: ["content"] });
      const filter = scopeFilter(scope);
      if (filter) q = q.where(filter);
      const table = await q
        .select([...CHUNK_COLUMNS, "_score"])
        .limit(limit)
        .toArrow();
      return storedChunks(table, "_score", (score) => score);
    },

    /** Nearest chunks by cosine similarity (score = 1 - distance); chunks without a vector are skipped. */
    async searchVector(
      vector: Float32Array,
      scope: { site?: string | undefined; path?: string | undefined },
      limit: number,
    ): Promise<StoredChunk[]> {
      const filter = [scopeFilter(scope), "embedded = true"].filter(Boolean).join(" AND ");
      const table = await chunks
        .query()
        .nearestTo(Array.from(vector))
        .distanceType("cosine")
        // With the HNSW index: a wide search, then exact distances for the best 5×limit, which
        // matched a flat scan's top 10 on all 80 dev-set queries (the quantised distances alone
        // missed ~3 %) and keeps scores on the flat scan's scale for rows not yet indexed.
        .ef(limit * REFINE)
        .refineFactor(REFINE)
        .where(filter)
        .select([...CHUNK_COLUMNS, "_distance"])
        .limit(limit)
        .toArrow();
      return storedChunks(table, "_distance", (distance) => 1 - distance);
    },

    /**
     * The chunks table's version: it changes with every commit, so a result computed at one version
     * stays right until it changes. Cheap (no I/O between consistency checks), and it is itself
     * a consistency check: a reader sees another process's commit here within the interval.
     */
    version(): Promise<number> {
      return chunks.version();
    },

    close(): void {
      db.close();
    },
  };
}

export type Store = Awaited<ReturnType<typeof openStore>>;
