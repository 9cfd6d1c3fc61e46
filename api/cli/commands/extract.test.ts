import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { htmlPage, routeServer } from "../../../test/helpers/route-server.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { runCli } from "../run-cli.js";
import type { CommandIo } from "./command.js";

function io(): CommandIo & { lines: string[]; err: string[] } {
  const lines: string[] = [];
  const err: string[] = [];
  return {
    lines,
    err,
    out: (line) => void lines.push(line),
    stderr: { write: (s: string) => err.push(s) } as unknown as NodeJS.WriteStream,
    env: {},
  };
}

const tmp = tempDir();
const file = join(tmp.path, "page.html");
let server: Awaited<ReturnType<typeof routeServer>>;

beforeAll(async () => {
  writeFileSync(
    file,
    `<html><head><title>Local page</title></head><body><nav><a href="/">Home</a></nav><main><h1>Local</h1>
<p>Read <a href="other.html">the other page</a> for more about local extraction and its options.</p>
<pre><code class="language-sh">agentweb extract page.html</code></pre></main></body></html>`,
  );
  server = await routeServer({
    "/doc": (_q, r) =>
      void r.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(htmlPage("Remote")),
    "/latin1": (_q, r) =>
      void r
        .writeHead(200, { "content-type": "text/html; charset=iso-8859-1" })
        .end(Buffer.from(htmlPage("Caf\u00e9 page"), "latin1")),
    "/gone": (_q, r) => void r.writeHead(404).end("no"),
  });
});
afterAll(async () => {
  await server.close();
  tmp.remove();
});

describe("agentweb extract", () => {
  it("prints markdown for one file, with --base-url for its links", async () => {
    const o = io();
    expect(await runCli(["extract", file, "--base-url", "https://docs.example.test/guide/"], o)).toBe(0);
    const md = o.lines.join("\n");
    expect(md).toContain("# Local");
    expect(md).toContain("[the other page](https://docs.example.test/guide/other.html)");
    expect(md).toContain("```sh\nagentweb extract page.html\n```");
    expect(md).not.toContain("Home");
  });

  it("prints the main text with --format text", async () => {
    const o = io();
    expect(await runCli(["extract", file, "--format", "text"], o)).toBe(0);
    expect(o.lines.join("\n")).toMatch(/^Read the other page for more/);
  });

  it("prints one JSON object per input, fetching URLs and decoding their charset", async () => {
    const o = io();
    const code = await runCli(["extract", `${server.url}/doc`, `${server.url}/latin1`, file], o);
    expect(code).toBe(0);
    expect(o.lines).toHaveLength(3);
    const [remote, latin, local] = o.lines.map((l) => JSON.parse(l));
    expect(Object.keys(remote).slice(0, 7)).toEqual([
      "input",
      "url",
      "title",
      "markdown",
      "text",
      "tokens",
      "removed",
    ]);
    expect(remote).toMatchObject({ input: `${server.url}/doc`, url: `${server.url}/doc`, title: "Remote" });
    expect(remote.tokens.html).toBeGreaterThan(remote.tokens.markdown);
    expect(remote.tokens.markdown).toBeGreaterThan(0);
    expect(latin.title).toBe("Café page");
    expect(local.url).toMatch(/^file:\/\//);
  });

  it("reports failed inputs as JSON lines and exits 1", async () => {
    const o = io();
    expect(await runCli(["extract", "--json", `${server.url}/gone`, join(tmp.path, "missing.html")], o)).toBe(
      1,
    );
    expect(o.lines.map((l) => JSON.parse(l).error.code)).toEqual(["HTTP_ERROR", "INVALID_INPUT"]);
  });

  it("exits 2 with one line when the only input is unreadable or usage is bad", async () => {
    const o = io();
    expect(await runCli(["extract", join(tmp.path, "missing.html")], o)).toBe(2);
    expect(o.err.join("")).toMatch(/cannot read .*missing\.html/);
    expect(await runCli(["extract", file, "--format", "pdf"], io())).toBe(2);
    expect(await runCli(["extract"], io())).toBe(2);
  });
});
