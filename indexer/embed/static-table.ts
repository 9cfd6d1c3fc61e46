import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const besideModule = fileURLToPath(new URL("./static-table.bin", import.meta.url));

/**
 * Where the generated table lives: committed beside the sources (regenerate with
 * build-static-table.ts); compiled code in dist/indexer/embed/ reads that same file, since the
 * compiler copies no data files.
 */
export const STATIC_TABLE_PATH = existsSync(besideModule)
  ? besideModule
  : fileURLToPath(new URL("../../../indexer/embed/static-table.bin", import.meta.url));

/**
 * The table's bytes: "AWS1", rows (u32), dims (u32), then per row a float32 scale and `dims` int8
 * values (value = int8 × scale). int8 keeps 8,000 × 512 at 4 MB with cosine error well under 1 %.
 *
 * @example const bytes = encodeTable(rows, 8000, 512);
 */
export function encodeTable(rows: Float32Array, count: number, dims: number): Buffer {
  const out = Buffer.alloc(12 + count * (4 + dims));
  out.write("AWS1", 0, "latin1");
  out.writeUInt32LE(count, 4);
  out.writeUInt32LE(dims, 8);
  for (let r = 0; r < count; r++) {
    const row = rows.subarray(r * dims, (r + 1) * dims);
    const max = row.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    const scale = max / 127 || 1;
    const at = 12 + r * (4 + dims);
    out.writeFloatLE(scale, at);
    for (let d = 0; d < dims; d++) out.writeInt8(Math.round(row[d]! / scale), at + 4 + d);
  }
  return out;
}

/**
 * The table as float32 rows.
 *
 * @example const { rows, count, dims } = decodeTable(readFileSync(STATIC_TABLE_PATH));
 */
export function decodeTable(bytes: Buffer): { rows: Float32Array; count: number; dims: number } {
  if (bytes.toString("latin1", 0, 4) !== "AWS1") throw new Error("not a static embedder table");
  const count = bytes.readUInt32LE(4);
  const dims = bytes.readUInt32LE(8);
  const rows = new Float32Array(count * dims);
  for (let r = 0; r < count; r++) {
    const at = 12 + r * (4 + dims);
    const scale = bytes.readFloatLE(at);
    for (let d = 0; d < dims; d++) rows[r * dims + d] = bytes.readInt8(at + 4 + d) * scale;
  }
  return { rows, count, dims };
}
