import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tinyEncoderOnnx } from "./onnx-proto.js";

const SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

/**
 * Words by topic: each topic owns one axis of the embedding space, so that mean pooling puts
 * texts about one topic close together and texts about different topics far apart. Common words
 * share a weak axis of their own.
 */
const TOPICS: string[][] = [
  ["vacuum", "dead", "tuple", "reclaim", "storage", "disk", "space"],
  ["replication", "standby", "wal", "streaming", "replica", "primary", "ship"],
  ["http", "request", "timeout", "retry", "server", "response", "header"],
  ["the", "a", "of", "to", "and", "is", "how", "do", "i", "what", "with"],
];
/** WordPiece continuations ("tuples" → "tuple" + "##s"). */
const SUFFIXES = ["##s", "##es", "##ing", "##ed"];

/**
 * Writes a tiny BERT-style model in the transformers.js layout into `dir`: config.json,
 * tokenizer.json (WordPiece, lower-casing BERT normaliser), tokenizer_config.json and
 * onnx/model.onnx (one Gather from an embedding table, see tinyEncoderOnnx). Returns its width.
 * `seed` changes the small per-word offsets, giving a different model with the same vocabulary.
 *
 * @example const { hidden } = writeTinyBertModel(join(tmp.path, "tiny-bert"));
 */
export function writeTinyBertModel(dir: string, options: { hidden?: number; seed?: number } = {}) {
  const hidden = options.hidden ?? 8;
  const seed = options.seed ?? 1;
  if (hidden < TOPICS.length + 2) throw new Error(`hidden must be at least ${TOPICS.length + 2}`);
  const vocab: string[] = [...SPECIAL, ...TOPICS.flat(), ...SUFFIXES];
  const table = new Float32Array(vocab.length * hidden);
  // A small deterministic offset per word and axis, so that no two words are the same vector.
  const jitter = (row: number, axis: number) => (((row * 31 + axis * 17 + seed * 7) % 13) - 6) / 100;
  vocab.forEach((token, row) => {
    const at = (axis: number, value: number) => {
      table[row * hidden + axis] = value;
    };
    for (let axis = TOPICS.length; axis < hidden; axis++) at(axis, jitter(row, axis));
    const topic = TOPICS.findIndex((words) => words.includes(token));
    if (topic >= 0) at(topic, topic === TOPICS.length - 1 ? 0.3 : 1);
    else if (token === "[CLS]" || token === "[SEP]") at(TOPICS.length - 1, 0.3);
    else if (token === "[PAD]") table.fill(0, row * hidden, (row + 1) * hidden);
  });

  const id = (token: string) => vocab.indexOf(token);
  const special = (token: string) => ({
    id: id(token),
    content: token,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const tokenizer = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map(special),
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        ["[CLS]", "[SEP]"].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }]),
      ),
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
  const tokenizerConfig = {
    tokenizer_class: "BertTokenizer",
    do_lower_case: true,
    model_max_length: 512,
    cls_token: "[CLS]",
    sep_token: "[SEP]",
    pad_token: "[PAD]",
    unk_token: "[UNK]",
    mask_token: "[MASK]",
  };
  const config = {
    architectures: ["BertModel"],
    model_type: "bert",
    hidden_size: hidden,
    vocab_size: vocab.length,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: hidden,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    pad_token_id: 0,
  };
  mkdirSync(join(dir, "onnx"), { recursive: true });
  writeFileSync(join(dir, "config.json"), JSON.stringify(config, null, 2));
  writeFileSync(join(dir, "tokenizer.json"), JSON.stringify(tokenizer));
  writeFileSync(join(dir, "tokenizer_config.json"), JSON.stringify(tokenizerConfig, null, 2));
  writeFileSync(join(dir, "onnx", "model.onnx"), tinyEncoderOnnx(table, vocab.length, hidden));
  return { dir, hidden, vocab };
}
