import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/http/app.js";
import { type IndexHandle, openIndex } from "../../api/ops/index-handle.js";
import { resolveConfig } from "../../schemas/config.js";
import { connectMcpClient } from "../helpers/mcp-client.js";
import { runCli } from "../helpers/run-cli.js";
import { tempDir } from "../helpers/temp-dir.js";

const noDns = async (host: string) => {
  throw new Error(`test resolver: no DNS for ${host}`);
};

/** One bad value as each adapter receives it, the name each gives the field, and the rule broken. */
const CASES = [
  {
    cli: ["search", "retries", "--mode", "fuzzy"],
    http: "/v1/search?q=retries&mode=fuzzy",
    mcp: { name: "search_docs", arguments: { q: "retries", mode: "fuzzy" } },
    names: { cli: "--mode", api: "mode" },
    rule: 'must be one of text, vector, hybrid (got "fuzzy")',
  },
  {
    cli: ["search", "retries", "-k", "0"],
    http: "/v1/search?q=retries&k=0",
    mcp: { name: "search_docs", arguments: { q: "retries", k: 0 } },
    names: { cli: "-k", api: "k" },
    rule: "must be at least 1 (got 0)",
  },
  {
    cli: ["context", "retries", "--max-tokens", "5"],
    http: "/v1/context?q=retries&maxTokens=5",
    mcp: { name: "get_context", arguments: { q: "retries", maxTokens: 5 } },
    names: { cli: "--max-tokens", api: "maxTokens" },
    rule: "must be at least 16 (got 5)",
  },
];

describe("one error view: the CLI, HTTP and MCP word the same bad value alike", () => {
  const tmp = tempDir("agentweb-wording-");
  let index: IndexHandle;
  let app: ReturnType<typeof createApp>;
  let mcp: Client;

  beforeAll(async () => {
    index = await openIndex(resolveConfig({ flags: { data: join(tmp.path, "data"), embedder: "none" } }), {
      write: true,
      owner: "test",
    });
    app = createApp({ index, version: "test", egress: { resolve: noDns } });
    mcp = await connectMcpClient(
      { index, jobs: undefined, egress: { resolve: noDns }, version: "test" },
      "read",
    );
  });
  afterAll(async () => {
    await mcp?.close();
    await index?.close();
    tmp.remove();
  });

  it.each(CASES)("$http", async ({ cli, http, mcp: call, names, rule }) => {
    const res = await runCli([...cli, "--data", join(tmp.path, "cli-data")]);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(`agentweb ${cli[0]}: ${names.cli} ${rule} [INVALID_INPUT]\n`);

    const problem = await app.request(http);
    expect(problem.status).toBe(400);
    expect(await problem.json()).toMatchObject({
      code: "INVALID_INPUT",
      detail: `${names.api} ${rule}`,
      errors: [{ path: names.api, message: `${names.api} ${rule}` }],
    });

    const result = await mcp.callTool(call);
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([{ type: "text", text: `INVALID_INPUT: ${names.api} ${rule}` }]);
  });
});
