import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { crawlSite } from "../../api/ops/crawl-site.js";
import { openIndex } from "../../api/ops/index-handle.js";
import { reindexVectors } from "../../api/ops/reindex.js";
import { searchDocs } from "../../api/ops/search-docs.js";
import { type ConfigInput, resolveConfig } from "../../schemas/config.js";
import { SearchQuery } from "../../schemas/search.js";
import { type ServedSite, serveSite } from "../../test/helpers/serve-site.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { writeTinyBertModel } from "../../test/helpers/tiny-bert-model.js";
import { createOnnxEmbedder, loadTransformers, onnxModelDims } from "./onnx-embedder.js";
import { createStaticEmbedder } from "./static-embedder.js";

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe("ONNX embedder (transformers.js, a tiny BERT-style model built by the test)", () => {
  const tmp = tempDir("agentweb-onnx-");
  const modelA = join(tmp.path, "models", "tiny-bert");
  const modelB = join(tmp.path, "models", "tiny-bert-b");
  // A download attempt goes through fetch: none may leave loopback (the crawl's own test site).
  const fetchSpy = vi.spyOn(globalThis, "fetch");
  const fetchedOutside = () =>
    fetchSpy.mock.calls
      .map(([input]) => (input instanceof Request ? input.url : String(input)))
      .filter((url) => !url.startsWith("http://127.0.0.1:"));
  beforeAll(() => {
    writeTinyBertModel(modelA, { hidden: 8 });
    writeTinyBertModel(modelB, { hidden: 8, seed: 2 });
  });
  afterEach(() => expect(fetchedOutside()).toEqual([]));
  afterAll(() => {
    fetchSpy.mockRestore();
    tmp.remove();
  });

  it("embeds to the model's width, unit length, similar texts closer than unrelated ones, in batches", async () => {
    const embedder = await createOnnxEmbedder({ modelPath: modelA });
    try {
      expect([embedder.name, embedder.dims, onnxModelDims(modelA)]).toEqual(["onnx:tiny-bert", 8, 8]);
      const [vacuum, reclaim, replication, empty] = await embedder.embed([
        "VACUUM reclaims the disk space of dead tuples",
        "How do I reclaim storage held by dead tuples?",
        "Streaming replication ships WAL to a standby",
        "",
      ]);
      for (const v of [vacuum, reclaim, replication, empty]) {
        expect(v).toHaveLength(8);
        expect(Math.hypot(...v!)).toBeCloseTo(1, 5);
      }
      expect(dot(vacuum!, reclaim!)).toBeGreaterThan(0.9);
      expect(dot(vacuum!, replication!)).toBeLessThan(0.5);
      expect(dot(vacuum!, reclaim!)).toBeGreaterThan(dot(vacuum!, replication!) + 0.4);

      // 70 texts are three forward passes; each vector is the one its text gets alone.
      const texts = Array.from({ length: 70 }, (_, i) =>
        i % 2 ? `retry the http request ${"after a timeout ".repeat(i % 5)}` : `dead tuple ${i}`,
      );
      const batched = await embedder.embed(texts);
      expect(batched).toHaveLength(70);
      for (const i of [0, 1, 33, 69]) {
        const [alone] = await embedder.embed([texts[i]!]);
        expect(dot(batched[i]!, alone!)).toBeCloseTo(1, 5);
      }
    } finally {
      await embedder.close();
    }
  });

  it("never downloads: a missing model directory or model file is a clear error", async () => {
    const missing = join(tmp.path, "models", "nowhere");
    await expect(createOnnxEmbedder({ modelPath: missing })).rejects.toMatchObject({
      code: "BAD_USAGE",
      message: expect.stringMatching(/no model at .*nowhere .*AGENTWEB_EMBEDDER_MODEL_PATH/),
    });
    // config.json and the tokenizer are there, onnx/model.onnx is not: the Hub is not asked for it.
    const partial = join(tmp.path, "models", "no-weights");
    writeTinyBertModel(partial);
    rmSync(join(partial, "onnx"), { recursive: true });
    await expect(createOnnxEmbedder({ modelPath: partial })).rejects.toMatchObject({
      code: "EMBEDDER_FAILED",
      message: expect.stringMatching(/could not load the model .*no-weights/),
    });
    // The configured path reaches the embedder, and a missing one is named.
    const index = await openIndex(
      resolveConfig({ flags: { data: join(tmp.path, "data-missing"), embedder: "onnx" } }),
      { write: true, owner: "test" },
    );
    try {
      await expect(index.embedder()).rejects.toThrow(/embedder=onnx needs embedderModelPath/);
    } finally {
      await index.close();
    }
  });

  it("names the package and how to install it when transformers.js is not installed", async () => {
    await expect(loadTransformers("@huggingface/transformers-not-installed")).rejects.toMatchObject({
      code: "BAD_USAGE",
      message: expect.stringContaining(
        "ONNXRUNTIME_NODE_INSTALL=skip npm install @huggingface/transformers@4.3.1",
      ),
    });
  });

  describe("in an index", () => {
    let site: ServedSite;
    const siteDir = join(tmp.path, "site");
    const data = join(tmp.path, "data");
    const onnx = (modelPath: string): ConfigInput => ({
      data,
      embedder: "onnx",
      embedderModelPath: modelPath,
      render: "never",
      delayMs: 0,
      extractWorkers: 0,
    });
    beforeAll(async () => {
      mkdirSync(siteDir, { recursive: true });
      const page = (title: string, body: string, links = "") =>
        `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p>${links}</main></body></html>`;
      writeFileSync(
        join(siteDir, "index.html"),
        page(
          "Docs",
          "The docs.",
          '<a href="/vacuum.html">Vacuum</a> <a href="/replication.html">Replication</a> <a href="/http.html">HTTP</a>',
        ),
      );
      writeFileSync(
        join(siteDir, "vacuum.html"),
        page("Vacuum", "Vacuum reclaims the disk space of dead tuples. Dead tuple storage is reclaimed."),
      );
      writeFileSync(
        join(siteDir, "replication.html"),
        page("Replication", "Streaming replication ships WAL from the primary to a standby replica."),
      );
      writeFileSync(
        join(siteDir, "http.html"),
        page("HTTP", "Retry an HTTP request after a timeout; the server response has a header."),
      );
      site = await serveSite(siteDir);
    });
    afterAll(() => site.close());

    it("records embedder and width, refuses another embedder, and reindexes to another model", async () => {
      const writer = await openIndex(resolveConfig({ flags: onnx(modelA) }), { write: true, owner: "test" });
      try {
        expect(writer.store.dims).toBe(8);
        const summary = await crawlSite(writer, { url: `${site.url}/` });
        expect(writer.dataDir.readMeta().sites[summary.site]).toMatchObject({
          embedder: "onnx:tiny-bert",
          dims: 8,
        });
        expect(await writer.store.counts()).toMatchObject({ embedded: 4 });
        const { hits } = await searchDocs(
          writer,
          SearchQuery.parse({ q: "reclaim dead tuples", mode: "vector" }),
        );
        expect(hits[0]!.url).toBe(`${site.url}/vacuum.html`);
      } finally {
        await writer.close();
      }

      // Querying with another embedder (another kind, or another model) is refused, naming both.
      for (const [flags, uses] of [
        [{ data, embedder: "static" }, "static-use-lite-512 \\(512-d\\)"],
        [onnx(modelB), "onnx:tiny-bert-b \\(8-d\\)"],
      ] as const) {
        const reader = await openIndex(resolveConfig({ flags }), { write: false, owner: "test" });
        try {
          await expect(
            searchDocs(reader, SearchQuery.parse({ q: "dead tuples", mode: "vector" })),
          ).rejects.toThrow(
            new RegExp(
              `indexed with embedder onnx:tiny-bert \\(8-d\\) but this run uses ${uses}; set --embedder \\(AGENTWEB_EMBEDDER\\) to onnx with the model tiny-bert`,
            ),
          );
        } finally {
          await reader.close();
        }
      }

      // reindex --embedder onnx with the other model: vectors rebuilt, no crawl, the record follows.
      const fetched = site.requests.length;
      const config = resolveConfig({ flags: onnx(modelB) });
      const rewriter = await openIndex(config, { write: true, owner: "reindex" });
      const embedder = await createOnnxEmbedder({ modelPath: modelB });
      try {
        expect(await reindexVectors(rewriter, embedder)).toEqual({
          embedded: 4,
          embedder: "onnx:tiny-bert-b",
        });
        expect(Object.values(rewriter.dataDir.readMeta().sites)[0]).toMatchObject({
          embedder: "onnx:tiny-bert-b",
          dims: 8,
        });
      } finally {
        await embedder.close();
        await rewriter.close();
      }
      expect(site.requests.length).toBe(fetched);
      // Another width cannot replace these vectors: LanceDB would cut them to fit, silently.
      const wider = await openIndex(resolveConfig({ flags: { data, embedder: "static" } }), {
        write: true,
        owner: "reindex",
      });
      try {
        await expect(reindexVectors(wider, createStaticEmbedder())).rejects.toThrow(
          /static-use-lite-512 makes 512-d vectors and this index holds 8-d ones; index with it in a new --data dir/,
        );
      } finally {
        await wider.close();
      }
      const reader = await openIndex(config, { write: false, owner: "test" });
      try {
        const { hits } = await searchDocs(
          reader,
          SearchQuery.parse({ q: "standby replica of the primary", mode: "vector" }),
        );
        expect(hits[0]!.url).toBe(`${site.url}/replication.html`);
      } finally {
        await reader.close();
      }
    });
  });
});
