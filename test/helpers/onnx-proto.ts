/**
 * Just enough protobuf to write an ONNX ModelProto by hand: varints and length-delimited fields,
 * with the field numbers of onnx.proto. Used to build tiny models at test time instead of shipping
 * binary files or downloading real ones.
 */

/** A protobuf field: number and either a varint, raw bytes, a string or a nested message. */
type Field = [number, number | bigint | string | Uint8Array | Field[]];

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return out;
}

/** Encodes fields in order: numbers as varints (wire type 0), everything else length-delimited (2). */
function message(fields: Field[]): Uint8Array {
  const parts: number[] = [];
  for (const [num, value] of fields) {
    if (typeof value === "number" || typeof value === "bigint") {
      parts.push(...varint(num << 3), ...varint(value));
      continue;
    }
    const bytes =
      typeof value === "string"
        ? new TextEncoder().encode(value)
        : value instanceof Uint8Array
          ? value
          : message(value);
    parts.push(...varint((num << 3) | 2), ...varint(bytes.length));
    for (const b of bytes) parts.push(b);
  }
  return Uint8Array.from(parts);
}

/** TensorProto.DataType values used here. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;

/** A ValueInfoProto: a named tensor with an element type and dims (a number, or a symbolic name). */
function valueInfo(name: string, elemType: number, dims: (number | string)[]): Field[] {
  const shape: Field[] = dims.map((d) => [1, typeof d === "number" ? [[1, d]] : [[2, d]]]);
  const tensorType: Field[] = [
    [1, elemType],
    [2, shape],
  ];
  const type: Field[] = [[1, tensorType]];
  return [
    [1, name],
    [2, type],
  ];
}

/**
 * A BERT-shaped encoder in one node: `last_hidden_state = Gather(table, input_ids)`, so each
 * token's output is its row of `table` ([vocab, hidden], row-major). It declares the inputs a
 * BERT export has (input_ids, attention_mask, token_type_ids, int64 [batch, seq]); the last two
 * are unused, as mean pooling reads the mask on the JavaScript side.
 *
 * @example writeFileSync("onnx/model.onnx", tinyEncoderOnnx(new Float32Array(vocab * 8), vocab, 8));
 */
export function tinyEncoderOnnx(table: Float32Array, vocab: number, hidden: number): Uint8Array {
  if (table.length !== vocab * hidden) throw new Error("table must be vocab × hidden");
  const raw = new Uint8Array(table.buffer, table.byteOffset, table.byteLength);
  const initializer: Field[] = [
    [1, vocab],
    [1, hidden],
    [2, ONNX_FLOAT],
    [8, "embeddings"],
    [9, raw],
  ];
  const node: Field[] = [
    [1, "embeddings"],
    [1, "input_ids"],
    [2, "last_hidden_state"],
    [3, "gather"],
    [4, "Gather"],
  ];
  const graph: Field[] = [
    [1, node],
    [2, "tiny-encoder"],
    [5, initializer],
    [11, valueInfo("input_ids", ONNX_INT64, ["batch", "sequence"])],
    [11, valueInfo("attention_mask", ONNX_INT64, ["batch", "sequence"])],
    [11, valueInfo("token_type_ids", ONNX_INT64, ["batch", "sequence"])],
    [12, valueInfo("last_hidden_state", ONNX_FLOAT, ["batch", "sequence", hidden])],
  ];
  return message([
    [1, 8], // ir_version 8 (ONNX 1.10+)
    [2, "agentweb-test"], // producer_name
    [7, graph],
    [8, [[2, 13]]], // opset_import: default domain, opset 13
  ]);
}
