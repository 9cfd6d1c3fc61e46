import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { callerLlmsTxtFetch, expandLlmsTxtSource, validateLlmsTxtSource } from "./llms-txt.js";

const config = { userAgent: "agentweb-test", requestTimeoutMs: 5000, maxBodyBytes: 1_000_000 };

describe("llms.txt ops for HTTP and MCP callers (a guard is given)", () => {
  const tmp = tempDir("agentweb-llms-ops-");
  const file = join(tmp.path, "llms.txt");
  writeFileSync(file, "# Local\n\n> A file on this machine.\n");
  afterAll(() => tmp.remove());

  it("never reads a local file, however the source is spelled", async () => {
    const remote = callerLlmsTxtFetch(config, { allowCidrs: ["0.0.0.0/0"] });
    for (const source of [file, `file://${file}`, "llms.txt"]) {
      await expect(validateLlmsTxtSource({ source }, remote)).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
      await expect(expandLlmsTxtSource({ source, optional: false }, remote)).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
    }
    // The CLI (no guard) still reads files.
    const local = await validateLlmsTxtSource(
      { source: file },
      { userAgent: "agentweb-test", timeoutMs: 5000, maxBytes: 1_000_000 },
    );
    expect(local.llmsTxt.title).toBe("Local");
  });

  it("checks the URL against the egress guard before any request", async () => {
    const remote = callerLlmsTxtFetch(config, {
      resolve: async () => [{ address: "10.0.0.7", family: 4 }],
    });
    await expect(
      validateLlmsTxtSource({ source: "http://docs.internal/llms.txt" }, remote),
    ).rejects.toMatchObject({ code: "EGRESS_BLOCKED" });
  });
});
