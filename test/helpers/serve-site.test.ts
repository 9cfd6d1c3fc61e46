import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_SITE_DIR } from "./sample-site.js";
import { type ServedSite, serveSite } from "./serve-site.js";

/** Sends a request with the path exactly as given (fetch would normalise `/../`). */
function rawGet(site: ServedSite, rawPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: site.port, path: rawPath, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("serveSite", () => {
  let dir: string;
  let root: string;
  let site: ServedSite;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "serve-site-"));
    root = path.join(dir, "site");
    await mkdir(path.join(root, "guide"), { recursive: true });
    await mkdir(path.join(root, "empty"), { recursive: true });
    await writeFile(path.join(dir, "secret.txt"), "outside the root");
    const files: Record<string, string> = {
      "index.html": "<h1>home</h1>",
      "guide/index.html": "<h1>guide</h1>",
      "a.css": "body{}",
      "a.js": "1",
      "a.txt": "text",
      "a.xml": "<x/>",
      "a.md": "# md",
      "a.json": "{}",
      "broken.html": "<p>never served</p>",
      "blob.bin": "bytes",
    };
    for (const [name, body] of Object.entries(files)) await writeFile(path.join(root, name), body);
    site = await serveSite(root, { failPaths: ["/broken.html"] });
  });

  afterAll(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("listens on a random loopback port", () => {
    expect(site.port).toBeGreaterThan(0);
    expect(site.url).toBe(`http://127.0.0.1:${site.port}`);
  });

  it.each([
    ["/a.css", "text/css; charset=utf-8"],
    ["/a.js", "text/javascript; charset=utf-8"],
    ["/a.txt", "text/plain; charset=utf-8"],
    ["/a.xml", "application/xml; charset=utf-8"],
    ["/a.md", "text/markdown; charset=utf-8"],
    ["/a.json", "application/json; charset=utf-8"],
    ["/blob.bin", "application/octet-stream"],
  ])("serves %s as %s", async (p, type) => {
    const res = await fetch(site.url + p);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(type);
    await res.arrayBuffer();
  });

  it("serves index.html for directories and redirects the unslashed form", async () => {
    const home = await fetch(`${site.url}/`);
    expect(home.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await home.text()).toBe("<h1>home</h1>");
    expect(await (await fetch(`${site.url}/guide/`)).text()).toBe("<h1>guide</h1>");
    const redirect = await fetch(`${site.url}/guide?x=1`, { redirect: "manual" });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get("location")).toBe("/guide/");
  });

  it("answers 404 for missing files and directories without index.html", async () => {
    expect((await fetch(`${site.url}/nope.html`)).status).toBe(404);
    expect((await fetch(`${site.url}/empty/`)).status).toBe(404);
  });

  it("refuses path traversal with 403", async () => {
    expect(await rawGet(site, "/../secret.txt")).toBe(403);
    expect(await rawGet(site, "/guide/../../secret.txt")).toBe(403);
    const encoded = await fetch(`${site.url}/..%2fsecret.txt`);
    expect(encoded.status).toBe(403);
    expect(await encoded.text()).not.toContain("outside the root");
  });

  it("answers 500 for failPaths and keeps serving the rest", async () => {
    expect((await fetch(`${site.url}/broken.html`)).status).toBe(500);
    expect((await fetch(`${site.url}/broken.html?retry=1`)).status).toBe(500);
    expect((await fetch(`${site.url}/a.txt`)).status).toBe(200);
  });

  it("answers HEAD without a body and rejects other methods", async () => {
    const head = await fetch(`${site.url}/a.md`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("4");
    expect(await head.text()).toBe("");
    expect((await fetch(`${site.url}/a.md`, { method: "POST" })).status).toBe(405);
  });

  it("records request paths without the query string", async () => {
    await (await fetch(`${site.url}/a.json?v=2`)).text();
    expect(site.requests).toContain("/a.json");
    expect(site.requests).toContain("/broken.html");
  });
});

describe("serveSite options and shutdown", () => {
  it("delays each response by delayMs", async () => {
    const site = await serveSite(SAMPLE_SITE_DIR, { delayMs: 150 });
    try {
      const started = performance.now();
      const res = await fetch(`${site.url}/robots.txt`);
      await res.text();
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await site.close();
    }
  });

  it("listens on a requested port", async () => {
    const probe = await serveSite(SAMPLE_SITE_DIR);
    const { port } = probe;
    await probe.close();
    const site = await serveSite(SAMPLE_SITE_DIR, { port });
    try {
      expect(site.port).toBe(port);
      expect(site.url).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await site.close();
    }
  });

  it("closes promptly with a keep-alive connection open, and close is idempotent", async () => {
    const site = await serveSite(SAMPLE_SITE_DIR);
    const res = await fetch(`${site.url}/docs/retries.html`); // fetch keeps the socket alive
    expect(await res.text()).toContain("Retries and backoff");
    const started = performance.now();
    await site.close();
    await site.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(fetch(`${site.url}/`)).rejects.toThrow();
  });

  it("serves the sample site, its robots.txt and a 404 for the removed page", async () => {
    const site = await serveSite(SAMPLE_SITE_DIR);
    try {
      const robots = await fetch(`${site.url}/robots.txt`);
      expect(robots.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await robots.text()).toContain("User-agent: *");
      expect((await fetch(`${site.url}/docs/removed-page.html`)).status).toBe(404);
      const style = await fetch(`${site.url}/style.css`);
      expect(style.headers.get("content-type")).toBe("text/css; charset=utf-8");
      await style.text();
    } finally {
      await site.close();
    }
  });
});
