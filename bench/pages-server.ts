import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Serves a static export the way GitHub Pages does, on 127.0.0.1: under a base path (`/docs/`),
 * with `/a` answered by `a.html` and `/dir/` by `dir/index.html` — what a Docusaurus build with
 * extensionless links expects (test/helpers/serve-site.ts serves exact files at the root only).
 *
 * @example const site = await servePages("../shared/bench-data/sites/5e-bits-docs", "/docs/"); // site.url + "/docs/"
 */
export async function servePages(
  root: string,
  basePath: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0]!);
    if (!path.startsWith(basePath)) return void res.writeHead(404).end("Not Found");
    const rel = path.slice(basePath.length);
    for (const candidate of [rel, `${rel}.html`, join(rel, "index.html")]) {
      const file = resolve(base, `./${candidate}`);
      if (file !== base && !file.startsWith(base + sep)) break;
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      return void res.end(await readFile(file));
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
