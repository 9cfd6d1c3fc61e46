import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../schemas/config.js";
import { LlmsTxtReport } from "../../schemas/llms-txt.js";
import { type LlmsTxtSite, serveLlmsTxtSite } from "../../test/helpers/llms-txt-site.js";
import { connectMcpClient } from "../../test/helpers/mcp-client.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { type IndexHandle, openIndex } from "../ops/index-handle.js";
import type { EgressPolicy } from "../ops/url-guard.js";

const noDns = async (host: string) => {
  throw new Error(`test resolver: no DNS for ${host}`);
};
const loopbackAllowed: EgressPolicy = { allowCidrs: ["127.0.0.0/8"], resolve: noDns };
const textOf = (result: Record<string, unknown>) => (result.content as { text: string }[])[0]!.text;

describe("MCP tools validate_llms_txt and read_llms_txt (in-memory transport)", () => {
  const tmp = tempDir("agentweb-llms-mcp-");
  let index: IndexHandle;
  let site: LlmsTxtSite;
  beforeAll(async () => {
    site = await serveLlmsTxtSite();
    index = await openIndex(resolveConfig({ flags: { data: join(tmp.path, "data"), embedder: "none" } }), {
      write: true,
      owner: "test",
    });
  });
  afterAll(async () => {
    await index?.close();
    await site?.close();
    tmp.remove();
  });

  const connect = (scope: "read" | "admin", egress: EgressPolicy) =>
    connectMcpClient({ index, jobs: undefined, egress, version: "test" }, scope);

  it("offers both tools to admin sessions only", async () => {
    const reader = await connect("read", loopbackAllowed);
    const readTools = (await reader.listTools()).tools.map((t) => t.name);
    expect(readTools).not.toContain("validate_llms_txt");
    expect(readTools).not.toContain("read_llms_txt");
    const called = await reader.callTool({ name: "validate_llms_txt", arguments: { url: site.goodUrl } });
    expect(called.isError).toBe(true);
    const admin = await connect("admin", loopbackAllowed);
    expect((await admin.listTools()).tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(["validate_llms_txt", "read_llms_txt"]),
    );
  });

  it("validate_llms_txt: the report as structured content and readable text", async () => {
    const admin = await connect("admin", loopbackAllowed);
    const good = await admin.callTool({
      name: "validate_llms_txt",
      arguments: { url: site.goodUrl, checkLinks: true },
    });
    expect(good.isError).toBeFalsy();
    const report = LlmsTxtReport.parse(good.structuredContent);
    expect(report).toMatchObject({ level: 4, counts: { error: 0 } });
    expect(textOf(good)).toContain("level 4 of 4");
    const broken = await admin.callTool({ name: "validate_llms_txt", arguments: { url: site.brokenUrl } });
    expect(broken.isError).toBeFalsy();
    const findings = LlmsTxtReport.parse(broken.structuredContent).findings;
    expect(findings.filter((f) => f.severity === "error").map((f) => f.code)).toContain("missing-title");
    expect(textOf(broken)).toContain("error missing-title");
  });

  it("read_llms_txt: the context file, cut at maxTokens, with what was left out", async () => {
    const admin = await connect("admin", loopbackAllowed);
    const full = await admin.callTool({
      name: "read_llms_txt",
      arguments: { url: site.goodUrl, optional: true },
    });
    expect(full.isError).toBeFalsy();
    expect(textOf(full)).toContain("Run `npm install harbor`");
    expect(textOf(full)).toContain("Workers drain");
    expect(full.structuredContent).toMatchObject({ source: site.goodUrl, truncated: false });
    expect((full.structuredContent as { docs: unknown[] }).docs).toHaveLength(3);
    const cut = await admin.callTool({
      name: "read_llms_txt",
      arguments: { url: site.goodUrl, maxTokens: 16 },
    });
    expect(cut.structuredContent).toMatchObject({ truncated: true, tokens: 16 });
    expect(textOf(cut)).toContain("cut at the token limit");
    const notLlmsTxt = await admin.callTool({ name: "read_llms_txt", arguments: { url: site.brokenUrl } });
    expect(notLlmsTxt.isError).toBe(true);
    expect(textOf(notLlmsTxt)).toMatch(/^INVALID_INPUT: .*not an llms\.txt file/);
  });

  it("refuses file paths and loopback without an allow-list (egress guard)", async () => {
    const admin = await connect("admin", { resolve: noDns });
    for (const name of ["validate_llms_txt", "read_llms_txt"]) {
      const file = await admin.callTool({ name, arguments: { url: "/etc/passwd" } });
      expect(file.isError).toBe(true);
      expect(textOf(file)).toContain("url must be an absolute http(s) URL");
      const blocked = await admin.callTool({ name, arguments: { url: site.goodUrl } });
      expect(blocked.isError).toBe(true);
      expect(textOf(blocked)).toMatch(/^EGRESS_BLOCKED/);
    }
  });
});
