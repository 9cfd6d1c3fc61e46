import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeServer } from "../../test/helpers/route-server.js";
import { decodeText, whyNotText } from "./decode-text.js";
import { httpFetch } from "./http-fetch.js";
import { bodyKind, fileMediaType, hasBinaryBytes, parseMediaType } from "./media-type.js";

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

describe("text or binary", () => {
  it("finds the WHATWG binary data bytes in the first 1445 bytes, not ESC, tab, CR, LF or FF", () => {
    for (const b of [0x00, 0x08, 0x0b, 0x0e, 0x1a, 0x1c, 0x1f])
      expect(hasBinaryBytes(Buffer.from([0x3c, b, 0x3e])), `0x${b.toString(16)}`).toBe(true);
    expect(hasBinaryBytes(Buffer.from("<p>\t\r\n\f\x1b$B</p>", "latin1"))).toBe(false);
    expect(hasBinaryBytes(Buffer.concat([Buffer.alloc(1445, 0x61), Buffer.from([0])]))).toBe(false);
    expect(hasBinaryBytes(Buffer.from([0xff, 0xfe, 0x3c, 0x00]))).toBe(false);
  });

  it("says why a body is not text: binary bytes, or too many undecodable characters", () => {
    const noise = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(whyNotText(noise, decodeText(noise, undefined, true), undefined)).toMatch(/binary data bytes/);
    const high = Buffer.alloc(200, 0xc3);
    expect(whyNotText(high, decodeText(high, "utf-8", true), "utf-8")).toBe(
      "100 % of its characters do not decode (U+FFFD)",
    );
    const page = Buffer.concat([Buffer.from("<p>caf"), Buffer.from([0xe9]), Buffer.from(" au lait</p>")]);
    expect(whyNotText(page, decodeText(page, "utf-8", true), "utf-8")).toBeUndefined();
    const utf16 = Buffer.from("<p>hello</p>", "utf16le");
    expect(whyNotText(utf16, decodeText(utf16, "utf-16le", true), "UTF-16LE")).toBeUndefined();
  });

  it("knows the files that are never pages by their extension", () => {
    expect(fileMediaType("/docs/manual.pdf")).toBe("application/pdf");
    expect(fileMediaType("/dl/tool.ZIP")).toBe("application/zip");
    expect(fileMediaType("/docs/retries.html")).toBeUndefined();
    expect(fileMediaType("/docs/")).toBeUndefined();
  });
});
