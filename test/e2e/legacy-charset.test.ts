import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeServer } from "../helpers/route-server.js";
import { runCli } from "../helpers/run-cli.js";
import { tempDir } from "../helpers/temp-dir.js";

/**
 * A page written in windows-1252 and served with no charset anywhere (no header parameter, no
 * <meta>): bytes 0x93/0x94 are curly quotes, 0x80 the euro sign, 0xE9 "é". It is not valid UTF-8,
 * so both paths must fall back to windows-1252 and read the same text.
 */
const PROSE = "Le café “crème” coûte 3 € — une boisson très appréciée au petit matin.";
const page = Buffer.concat([
  Buffer.from('<!DOCTYPE html><html lang="fr"><head><title>Caf'),
  Buffer.from([0xe9]),
  Buffer.from("</title></head><body><main><h1>Menu</h1><p>"),
  Buffer.from([...PROSE].map((c) => ({ "“": 0x93, "”": 0x94, "€": 0x80, "—": 0x97 })[c] ?? c.charCodeAt(0))),
  Buffer.from(
    `</p><p>${"Une phrase de plus pour que la page ait un corps. ".repeat(4)}</p></main></body></html>`,
  ),
]);

describe("a legacy windows-1252 page without a charset reads the same in crawl and extract (real CLI)", () => {
  const tmp = tempDir();
  let srv: Awaited<ReturnType<typeof routeServer>>;
  beforeAll(async () => {
    srv = await routeServer({
      "/robots.txt": (_q, r) => void r.writeHead(404).end(),
      "/menu.html": (_q, r) => void r.writeHead(200, { "content-type": "text/html" }).end(page),
    });
  });
  afterAll(async () => {
    await srv.close();
    tmp.remove();
  });

  it("stores the crawled page with the text extract prints", async () => {
    const url = `${srv.url}/menu.html`;
    const crawl = await runCli(
      ["crawl", url, "--data", tmp.path, "--json", "--render", "never", "--embedder", "none"].concat([
        "--delay-ms",
        "0",
        "--max-pages",
        "1",
      ]),
    );
    expect(crawl.code, crawl.stderr).toBe(0);
    const stored = await runCli(["page", url, "--data", tmp.path, "--json"]);
    expect(stored.code, stored.stderr).toBe(0);
    const crawled = JSON.parse(stored.stdout) as { title: string; markdown: string };

    const extract = await runCli(["extract", url, "--json"]);
    expect(extract.code, extract.stderr).toBe(0);
    const extracted = JSON.parse(extract.stdout) as { title: string; markdown: string };

    expect(crawled.markdown).toContain(PROSE);
    expect(extracted.markdown).toContain(PROSE);
    expect(crawled.markdown).toBe(extracted.markdown);
    expect([crawled.title, extracted.title]).toEqual(["Café", "Café"]);
  }, 120_000);
});
