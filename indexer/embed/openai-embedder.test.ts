import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openIndex } from "../../api/ops/index-handle.js";
import { resolveConfig } from "../../schemas/config.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { embeddingText } from "./embedding-text.js";
import { createOpenAiEmbedder } from "./openai-embedder.js";

/** A real HTTP server speaking the embeddings protocol: hashed bag of words, answers shuffled. */
function embeddingsServer(dims: number) {
  const requests: { auth: string | undefined; body: { model: string; input: string[] } }[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => {
      raw += d;
    });
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/embeddings") return void res.writeHead(404).end();
      const body = JSON.parse(raw);
      requests.push({ auth: req.headers.authorization, body });
      if (body.model === "broken") return void res.writeHead(503).end("model loading");
      const data = body.input.map((text: string, index: number) => {
        const v = new Array(body.model === "wide" && index > 0 ? dims + 1 : dims).fill(0);
        for (const w of text.toLowerCase().split(/\W+/)) if (w) v[w.length % dims] += 1;
        return { object: "embedding", index, embedding: v };
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: data.reverse(), model: body.model }));
    });
  });
  return { server, requests };
}

describe("OpenAI-compatible embedder", () => {
  const { server, requests } = embeddingsServer(8);
  let baseUrl = "";
  beforeAll(async () => {
    await new Promise<void>((r) => (server as Server).listen(0, "127.0.0.1", r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("learns the dimension, batches, keeps input order by index and sends the key", async () => {
    const embedder = await createOpenAiEmbedder({ baseUrl, model: "m", apiKey: "sk-test" });
    expect(embedder.dims).toBe(8);
    expect(embedder.name).toBe("openai:m");
    const texts = Array.from({ length: 130 }, (_, i) => "x".repeat((i % 7) + 1));
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(130);
    expect(vectors.map((v) => v.indexOf(1))).toEqual(texts.map((t) => t.length % 8));
    expect(requests.at(-1)!.auth).toBe("Bearer sk-test");
    expect(requests.slice(1).map((r) => r.body.input.length)).toEqual([64, 64, 2]);
  });

  it("fails clearly on a server error, a wrong width and an unreachable server", async () => {
    await expect(createOpenAiEmbedder({ baseUrl, model: "broken" })).rejects.toThrow(
      /answered 503: model loading/,
    );
    const wide = await createOpenAiEmbedder({ baseUrl, model: "wide", dims: 8 });
    await expect(wide.embed(["a", "b"])).rejects.toThrow(/9-d vectors, expected 8/);
    await expect(createOpenAiEmbedder({ baseUrl: "http://127.0.0.1:9/v1", model: "m" })).rejects.toThrow(
      /unreachable/,
    );
  });

  it("is what embedder=openai selects, and the index is created at its width", async () => {
    const tmp = tempDir();
    const config = resolveConfig({
      flags: {
        data: tmp.path,
        embedder: "openai",
        embedderUrl: baseUrl,
        embedderModel: "m",
        embedderDims: 8,
      },
    });
    const index = await openIndex(config, { write: true, owner: "test" });
    try {
      const embedder = (await index.embedder())!;
      expect([embedder.name, embedder.dims, index.store.dims]).toEqual(["openai:m", 8, 8]);
      const url = "https://x.dev/a";
      const chunk = {
        id: "a",
        url,
        site: "s",
        title: "A",
        ordinal: 0,
        headingPath: [],
        anchor: "",
        text: "abc",
        tokens: 1,
      };
      const page = {
        url,
        finalUrl: url,
        site: "s",
        title: "A",
        description: "",
        lang: "en",
        markdown: "abc",
        links: [],
        headings: [],
        contentHash: "h",
        fetchedVia: "http" as const,
        tokens: { html: 1, markdown: 1 },
        removed: [],
        fetchedAt: "2026-01-01T00:00:00.000Z",
      };
      const rows = await index.store.replacePage(page, [chunk]);
      await index.store.setVectors(rows, await embedder.embed(rows.map(embeddingText)));
      expect((await index.store.searchVector((await embedder.embed(["abc"]))[0]!, {}, 1))[0]!.url).toBe(url);
    } finally {
      await index.close();
      tmp.remove();
    }
  });
});
