import * as lancedb from "@lancedb/lancedb";

/**
 * Width of the vectors an existing index holds (its `chunks.vector` column), or undefined before
 * the first write. The column's width is fixed when the table is created, and LanceDB stores a
 * vector of another width without an error (a wider one cut to fit): callers compare against this.
 *
 * @example const dims = (await storedVectorWidth("./.agentweb/index")) ?? 512;
 */
export async function storedVectorWidth(dir: string): Promise<number | undefined> {
  const db = await lancedb.connect(dir);
  try {
    if (!(await db.tableNames()).includes("chunks")) return undefined;
    const table = await db.openTable("chunks");
    try {
      const type = (await table.schema()).fields.find((f) => f.name === "vector")?.type as
        | { listSize?: number }
        | undefined;
      return type?.listSize;
    } finally {
      table.close();
    }
  } finally {
    db.close();
  }
}
