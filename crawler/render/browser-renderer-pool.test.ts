import { readdirSync, readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeServer } from "../../test/helpers/route-server.js";
import { createBrowserRenderer } from "./browser-renderer.js";

// Real Chromium: several tabs at once, a browser killed between and during renders, and browsers
// replaced after a set number of pages.

/** Each page's script asks /slow for its text; the server holds those answers (see below). */
const page = (n: number) =>
  `<!doctype html><html><head><title>P${n}</title></head><body><div id="root"></div><script>
fetch("/slow?${n}").then((r) => r.text()).then((t) => { document.getElementById("root").innerHTML = "<main><h1>" + t + "</h1></main>"; });
</script></body></html>`;

const plain = (text: string) => `<!doctype html><html><body><main><h1>${text}</h1></main></body></html>`;

/** Main Chromium processes this test process launched (Debian's wrapper execs into them). */
function chromiumPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (comm === "chromium" && ppid === process.pid) pids.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** The Chromium pids once at most `count` remain: a closed or killed browser takes a moment to exit. */
async function pidsSettled(count: number): Promise<number[]> {
  const until = Date.now() + 5_000;
  let pids = chromiumPids();
  while (pids.length > count && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    pids = chromiumPids();
  }
  return pids;
}

describe("browser renderer pool (real Chromium)", () => {
  let srv: Awaited<ReturnType<typeof routeServer>>;
  // /slow answers are held until `hold` requests wait (or 4 s pass): with `hold` tabs rendering at
  // once they are all released together, so the peak shows how many pages really ran at once.
  let hold = 3;
  let inFlight = 0;
  let peak = 0;
  const held: { res: ServerResponse; n: string }[] = [];
  const release = () => {
    for (const { res, n } of held.splice(0)) {
      inFlight -= 1;
      res.writeHead(200, { "content-type": "text/plain" }).end(`Page ${n}`);
    }
  };
  // Called when /hang is requested: lets a test kill the browser while a render waits on it.
  let onHang: (() => void) | undefined;
  let hangs = 0;

  beforeAll(async () => {
    const routes: Parameters<typeof routeServer>[0] = {
      "/slow": (q, r) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        held.push({ res: r, n: (q.url ?? "").split("?")[1] ?? "" });
        if (held.length >= hold) release();
        else setTimeout(release, 4_000);
      },
      "/hang.html": (_q, r) => {
        hangs += 1;
        if (hangs === 1) {
          // The first visit never answers; the browser is killed while it waits.
          onHang?.();
          return;
        }
        r.writeHead(200, { "content-type": "text/html" }).end(plain("Answered on retry"));
      },
    };
    for (let n = 1; n <= 8; n++) {
      routes[`/p${n}.html`] = (_q, r) => void r.writeHead(200, { "content-type": "text/html" }).end(page(n));
      routes[`/plain${n}.html`] = (_q, r) =>
        void r.writeHead(200, { "content-type": "text/html" }).end(plain(`Plain ${n}`));
    }
    srv = await routeServer(routes);
  });
  afterAll(() => srv.close());

  it("renders six pages three at a time in one renderer", async () => {
    hold = 3;
    peak = 0;
    const renderer = createBrowserRenderer({
      userAgent: "agentweb-test/0.1",
      timeoutMs: 20_000,
      concurrency: 3,
    });
    try {
      const results = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((n) => renderer.render(`${srv.url}/p${n}.html`)),
      );
      results.forEach((r, i) => {
        expect(r.status).toBe(200);
        expect(r.html).toContain(`<h1>Page ${i + 1}</h1>`);
      });
      expect(peak).toBe(3);
    } finally {
      await renderer.close();
    }
  }, 60_000);

  it("replaces a killed browser for the next page, and retries a page whose browser died under it", async () => {
    const renderer = createBrowserRenderer({ userAgent: "agentweb-test/0.1", timeoutMs: 20_000 });
    try {
      expect((await renderer.render(`${srv.url}/plain1.html`)).html).toContain("Plain 1");
      const [first] = chromiumPids();
      expect(first).toBeDefined();
      process.kill(first!, "SIGKILL");
      expect(await pidsSettled(0)).toEqual([]);

      expect((await renderer.render(`${srv.url}/plain2.html`)).html).toContain("Plain 2");
      const [second] = await pidsSettled(1);
      expect(second).toBeDefined();
      expect(second).not.toBe(first);

      onHang = () => process.kill(second!, "SIGKILL");
      const retried = await renderer.render(`${srv.url}/hang.html`);
      expect(retried.html).toContain("Answered on retry");
      expect(hangs).toBe(2);
      expect(await pidsSettled(1)).toHaveLength(1);
    } finally {
      onHang = undefined;
      await renderer.close();
    }
    expect(await pidsSettled(0)).toEqual([]);
  }, 60_000);

  it("closes a browser after pagesPerBrowser pages and renders on in a fresh one", async () => {
    const renderer = createBrowserRenderer({
      userAgent: "agentweb-test/0.1",
      timeoutMs: 20_000,
      pagesPerBrowser: 2,
    });
    const seen: number[] = [];
    try {
      for (let n = 1; n <= 5; n++) {
        expect((await renderer.render(`${srv.url}/plain${n}.html`)).html).toContain(`Plain ${n}`);
        // A retired browser is closed as soon as its last page is.
        const pids = await pidsSettled(1);
        expect(pids).toHaveLength(1);
        seen.push(pids[0]!);
      }
    } finally {
      await renderer.close();
    }
    expect(new Set(seen).size).toBe(3);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).toBe(seen[3]);
    expect(seen[1]).not.toBe(seen[2]);
  }, 60_000);
});
