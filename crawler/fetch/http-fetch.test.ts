import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeServer } from "../../test/helpers/route-server.js";
import { decodeText } from "./decode-text.js";
import { httpFetch } from "./http-fetch.js";
import { bodyKind, parseMediaType } from "./media-type.js";

// 64 MiB of zeros compresses to ~64 KiB: a bomb that must stop at the cap, not be inflated.
const ZEROS = Buffer.alloc(64 * 1024 * 1024);
const GZIP_BOMB = gzipSync(ZEROS, { level: 9 });
const BR_BOMB = brotliCompressSync(ZEROS);

describe("httpFetch", () => {
  let srv: Awaited<ReturnType<typeof routeServer>>;
  beforeAll(async () => {
    srv = await routeServer({
      "/gzip-bomb": (_q, r) =>
        r.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" }).end(GZIP_BOMB),
      "/br-bomb": (_q, r) =>
        r.writeHead(200, { "content-type": "text/html", "content-encoding": "br" }).end(BR_BOMB),
      "/deflate": (_q, r) =>
        r.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" }).end(gzipSync("hello")),
      "/loop-a": (_q, r) => r.writeHead(302, { location: "/loop-b" }).end(),
      "/loop-b": (_q, r) => r.writeHead(302, { location: "/loop-a" }).end(),
      "/hop1": (_q, r) => r.writeHead(301, { location: "/hop2" }).end(),
      "/hop2": (_q, r) => r.writeHead(307, { location: "/final" }).end(),
      "/final": (_q, r) => r.writeHead(200, { "content-type": "text/plain" }).end("done"),
      "/big": (_q, r) =>
        r.writeHead(200, { "content-type": "text/plain", "content-length": 5000 }).end("x".repeat(5000)),
      "/slow-headers": (_q, r) => void setTimeout(() => r.writeHead(200).end("late"), 1500),
    });
  });
  afterAll(() => srv.close());

  it.each(["/gzip-bomb", "/br-bomb"])(
    "stops a decompression bomb (%s) at the decoded-body cap",
    async (path) => {
      const started = Date.now();
      await expect(httpFetch(`${srv.url}${path}`, { maxBodyBytes: 1024 * 1024 })).rejects.toMatchObject({
        code: "BODY_TOO_LARGE",
      });
      expect(Date.now() - started).toBeLessThan(3000);
    },
  );

  it("decodes gzip within the cap", async () => {
    const res = await httpFetch(`${srv.url}/deflate`);
    expect(res.body.toString()).toBe("hello");
  });

  it("refuses a body whose declared length passes the cap", async () => {
    await expect(httpFetch(`${srv.url}/big`, { maxBodyBytes: 1024 })).rejects.toMatchObject({
      code: "BODY_TOO_LARGE",
    });
  });

  it("detects a redirect loop", async () => {
    await expect(httpFetch(`${srv.url}/loop-a`)).rejects.toMatchObject({
      code: "HTTP_ERROR",
      message: /redirect loop/,
    });
  });

  it("follows redirects, checking every hop", async () => {
    const hops: string[] = [];
    const res = await httpFetch(`${srv.url}/hop1`, { checkHop: (u) => void hops.push(u.pathname) });
    expect(res).toMatchObject({ status: 200, finalUrl: `${srv.url}/final` });
    expect(hops).toEqual(["/hop1", "/hop2", "/final"]);
    await expect(httpFetch(`${srv.url}/hop1`, { maxRedirects: 1 })).rejects.toMatchObject({
      code: "HTTP_ERROR",
    });
  });

  it("times out waiting for headers", async () => {
    await expect(httpFetch(`${srv.url}/slow-headers`, { headersTimeoutMs: 200 })).rejects.toMatchObject({
      code: "TIMEOUT",
    });
  });
});

describe("media types and charsets", () => {
  it.each([
    ["text/html; charset=utf-8", "html"],
    ["Application/XHTML+XML", "html"],
    ['text/markdown; charset="UTF-8"', "markdown"],
    ["text/plain", "plain"],
    ["application/pdf", "skip"],
    ["application/octet-stream", "skip"],
    ["texthtml", "skip"],
  ])("%s → %s", (header, kind) => {
    expect(bodyKind(parseMediaType(header), Buffer.from("%PDF-1.4"))).toBe(kind);
  });

  it("sniffs an HTML document without a Content-Type, nothing else", () => {
    expect(bodyKind(undefined, Buffer.from("  <!DOCTYPE html><p>x"))).toBe("html");
    expect(bodyKind(undefined, Buffer.from("%PDF-1.4"))).toBe("skip");
  });

  it.each([
    ["header", Buffer.from([0x63, 0x61, 0x66, 0xe9]), "iso-8859-1", false, "café"],
    ["BOM over header", Buffer.from([0xef, 0xbb, 0xbf, 0x63, 0xc3, 0xa9]), "iso-8859-1", false, "cé"],
    [
      "meta",
      Buffer.concat([Buffer.from('<meta charset="iso-8859-1"><p>'), Buffer.from([0xe9])]),
      undefined,
      true,
      '<meta charset="iso-8859-1"><p>é',
    ],
    ["default utf-8", Buffer.from("cé"), undefined, true, "cé"],
    ["unknown label", Buffer.from("cé"), "x-nonsense", false, "cé"],
  ])("charset from %s", (_name, bytes, header, html, expected) => {
    expect(decodeText(bytes, header, html)).toBe(expected);
  });
});
