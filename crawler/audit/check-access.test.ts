import { describe, expect, it } from "vitest";
import { type GetResult, getOk } from "../fetch/safe-get.js";
import { checkAccess } from "./check-access.js";

const robots = (status: number, text: string): GetResult =>
  getOk({
    url: "http://127.0.0.1:8080/robots.txt",
    status,
    headers: { "content-type": "text/plain" },
    body: Buffer.from(text),
    ms: 1,
  });
const pages = ["http://127.0.0.1:8080/", "http://127.0.0.1:8080/docs/a.html"];

describe("checkAccess", () => {
  it("reports each AI agent's access with the deciding group, and the llms.txt contradiction", () => {
    const text =
      "Disallow: /early\nUser-agent: *\nDisalow: /typo\nAllow: /\n\nUser-agent: PerplexityBot\nDisallow: /docs/\n";
    const { findings, bots } = checkAccess({
      robots: robots(200, text),
      pages,
      llmsTxtUrl: "http://127.0.0.1:8080/docs/llms.txt",
    });
    expect(bots.find((b) => b.token === "PerplexityBot")).toMatchObject({
      allowed: 1,
      sampled: 2,
      group: "User-agent: PerplexityBot",
    });
    expect(bots.find((b) => b.token === "GPTBot")).toMatchObject({ allowed: 2, group: "User-agent: *" });
    expect(findings.map((f) => f.code)).toEqual([
      "robots-invalid-lines",
      "ai-search-blocked",
      "llms-txt-blocked",
    ]);
    expect(findings[0]!.evidence.map((e) => e.line)).toEqual([1, 3]);
    expect(findings[1]!.evidence[0]).toMatchObject({
      line: 6,
      detail: "PerplexityBot: 1 of 2 sampled pages disallowed",
    });
  });

  it("treats an unreachable robots.txt as disallow-all (RFC 9309) and a 404 as allow-all", () => {
    expect(checkAccess({ robots: robots(503, ""), pages }).findings[0]).toMatchObject({
      code: "robots-unreachable",
      penalty: 100,
    });
    const missing = checkAccess({ robots: robots(404, "Not Found"), pages });
    expect(missing.findings.map((f) => f.code)).toEqual(["robots-missing"]);
    expect(missing.bots.every((b) => b.allowed === 2)).toBe(true);
  });
});
