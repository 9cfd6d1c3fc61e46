import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditReport } from "../../schemas/audit.js";
import { resolveConfig } from "../../schemas/config.js";
import { AUDIT_FIXTURES, serveAuditFixture } from "../../test/fixtures/audit/serve-audit-fixture.js";
import { connectMcpClient } from "../../test/helpers/mcp-client.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { type IndexHandle, openIndex } from "../ops/index-handle.js";

const noDns = async (host: string) => {
  throw new Error(`test resolver: no DNS for ${host}`);
};

describe("MCP tool audit_site (in-memory transport)", () => {
  const tmp = tempDir("agentweb-audit-mcp-");
  let index: IndexHandle;
  let site: Awaited<ReturnType<typeof serveAuditFixture>>;
  beforeAll(async () => {
    site = await serveAuditFixture(AUDIT_FIXTURES.good);
    // A Chromium that does not exist: the tool must still answer (JavaScript check without rendering).
    index = await openIndex(
      resolveConfig({
        flags: {
          data: join(tmp.path, "data"),
          embedder: "none",
          chromiumPath: "/nonexistent/chromium",
          delayMs: 0,
        },
      }),
      { write: true, owner: "test" },
    );
  });
  afterAll(async () => {
    await index?.close();
    await site?.close();
    tmp.remove();
  });

  const connect = (scope: "read" | "admin", egress: object) =>
    connectMcpClient({ index, jobs: undefined, egress, version: "test" }, scope);

  it("is offered to admin sessions only and returns the report as structured content", async () => {
    const reader = await connect("read", { resolve: noDns });
    expect((await reader.listTools()).tools.map((t) => t.name)).not.toContain("audit_site");
    const admin = await connect("admin", { allowCidrs: ["127.0.0.0/8"], resolve: noDns });
    const result = await admin.callTool({
      name: "audit_site",
      arguments: { url: `${site.url}/`, maxPages: 5 },
    });
    expect(result.isError).toBeFalsy();
    const report = AuditReport.parse(result.structuredContent);
    expect(report.score).toBeGreaterThanOrEqual(90);
    expect(report.notes.join(" ")).toContain("Chromium not found");
    expect((result.content as { text: string }[])[0]!.text).toContain(`**Score: ${report.score}/100**`);
  }, 60_000);

  it("refuses loopback without an allow-list (egress guard)", async () => {
    const admin = await connect("admin", { resolve: noDns });
    const result = await admin.callTool({ name: "audit_site", arguments: { url: `${site.url}/` } });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]!.text).toMatch(/^EGRESS_BLOCKED/);
  });
});
