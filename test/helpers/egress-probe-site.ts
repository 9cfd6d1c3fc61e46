import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** The text the probe page shows once its own (allowed) fetch and WebSocket have answered. */
export const PROBE_ALLOWED_TEXT = "allowed-fetch-ok allowed-ws-ok";

/**
 * A loopback site whose page tries every way a browser has to reach another host — subresources,
 * fetch/XHR/beacon/EventSource, forms and frame navigations, WebSockets (also from workers and a
 * fresh iframe), service, dedicated and shared workers, prefetch/preload/preconnect, speculation
 * rules, WebRTC, WebTransport and redirects from its own origin — all aimed at `forbidden`
 * ("host:port"). The page also fetches a slow same-origin text and opens a same-origin WebSocket,
 * and shows PROBE_ALLOWED_TEXT when both answered, so a test sees allowed traffic still flows.
 *
 * @example
 * const site = await egressProbeSite("127.0.0.2:4000");
 * await renderer.render(`${site.url}/probe.html`);
 */
export async function egressProbeSite(forbidden: string) {
  const http = `http://${forbidden}`;
  const ws = `ws://${forbidden}`;
  const workerScript = (tag: string) => `
    fetch("${http}/${tag}-fetch", { mode: "no-cors" }).catch(() => {});
    try { new WebSocket("${ws}/${tag}-ws"); } catch {}
    try { importScripts("${http}/${tag}-import.js"); } catch {}
  `;
  const files: Record<string, [string, string]> = {
    "/probe.html": ["text/html", probePage(http, ws)],
    "/sw.js": [
      "text/javascript",
      `${workerScript("sw")}
       self.addEventListener("install", (e) => e.waitUntil(fetch("${http}/sw-install", { mode: "no-cors" }).catch(() => {})));`,
    ],
    "/worker.js": ["text/javascript", workerScript("worker")],
    "/shared.js": ["text/javascript", workerScript("shared")],
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/redirect") {
      res.writeHead(302, { location: `${http}/redirected-${url.searchParams.get("to")}` }).end();
    } else if (url.pathname === "/allowed.txt") {
      // Slow on purpose: keeps the page's network busy while its probes run, so the render waits.
      setTimeout(() => res.writeHead(200, { "content-type": "text/plain" }).end("allowed-fetch-ok"), 1500);
    } else {
      const file = files[url.pathname];
      if (file) res.writeHead(200, { "content-type": file[0] }).end(file[1]);
      else res.writeHead(404).end("not found");
    }
  });
  // Upgraded sockets leave the server's bookkeeping: close() must end them itself.
  const upgraded = new Set<import("node:stream").Duplex>();
  server.on("upgrade", (req, socket) => {
    upgraded.add(socket);
    socket.on("close", () => upgraded.delete(socket));
    const accept = createHash("sha1")
      .update(`${req.headers["sec-websocket-key"]}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest("base64");
    const text = Buffer.from("allowed-ws-ok");
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-accept: ${accept}\r\n\r\n`,
    );
    socket.write(Buffer.concat([Buffer.from([0x81, text.length]), text]));
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of upgraded) s.destroy();
      }),
  };
}

function probePage(http: string, ws: string): string {
  const host = http.slice("http://".length);
  const rules = JSON.stringify({
    prefetch: [{ source: "list", urls: [`${http}/spec-prefetch`] }],
    prerender: [{ source: "list", urls: [`${http}/spec-prerender`] }],
  });
  return `<!doctype html><html><head><title>Probe</title>
<link rel="preconnect" href="${http}">
<link rel="dns-prefetch" href="${http}">
<link rel="prefetch" href="${http}/prefetch">
<link rel="preload" href="${http}/preload.js" as="script">
<link rel="modulepreload" href="${http}/modulepreload.js">
<link rel="stylesheet" href="${http}/style.css">
<link rel="icon" href="${http}/favicon.ico">
<link rel="manifest" href="${http}/manifest.json">
<style>@import url("${http}/import.css"); body { background: url("${http}/bg.png"); }</style>
<script type="speculationrules">${rules}</script>
<script src="${http}/script.js"></script>
<script src="/redirect?to=script"></script>
</head><body>
<main><h1>Probe page</h1><p id="allowed"></p></main>
<img src="${http}/img.png">
<iframe src="${http}/iframe"></iframe>
<iframe src="/redirect?to=iframe"></iframe>
<iframe name="sink" id="sink"></iframe>
<object data="${http}/object"></object>
<embed src="${http}/embed">
<form id="form" method="post" action="${http}/form" target="sink"><input name="a" value="b"></form>
<a id="ping" href="#pinged" ping="${http}/ping">ping</a>
<script>
const shown = {};
function show(key, text) { shown[key] = text; document.getElementById("allowed").textContent = [shown.fetch, shown.ws].filter(Boolean).join(" "); }
function attempt(fn) { try { Promise.resolve(fn()).catch(() => {}); } catch {} }
fetch("/allowed.txt").then((r) => r.text()).then((t) => show("fetch", t));
const own = new WebSocket("ws://" + location.host + "/echo");
own.onmessage = (e) => show("ws", e.data);
attempt(() => fetch("${http}/fetch", { mode: "no-cors" }));
attempt(() => fetch("${http}/fetch-keepalive", { method: "POST", body: "x", keepalive: true, mode: "no-cors" }));
attempt(() => fetch("/redirect?to=fetch"));
attempt(() => { const x = new XMLHttpRequest(); x.open("GET", "${http}/xhr"); x.send(); });
attempt(() => navigator.sendBeacon("${http}/beacon", "x"));
attempt(() => new EventSource("${http}/events"));
attempt(() => import("${http}/module.js"));
attempt(() => document.getElementById("form").submit());
attempt(() => { document.getElementById("sink").contentWindow.location.href = "${http}/navigate"; });
attempt(() => window.open("${http}/popup"));
attempt(() => document.getElementById("ping").click());
attempt(() => new WebSocket("${ws}/ws"));
attempt(() => { const f = document.createElement("iframe"); document.body.append(f); new f.contentWindow.WebSocket("${ws}/ws-fresh-iframe"); });
attempt(() => typeof WebSocketStream === "function" && new WebSocketStream("${ws}/ws-stream"));
attempt(() => navigator.serviceWorker.register("/sw.js"));
attempt(() => new Worker("/worker.js"));
attempt(() => new SharedWorker("/shared.js"));
attempt(() => new Worker(URL.createObjectURL(new Blob(['fetch("${http}/blob-worker-fetch").catch(() => {}); new WebSocket("${ws}/blob-worker-ws");'], { type: "text/javascript" }))));
attempt(async () => {
  const pc = new RTCPeerConnection({ iceServers: [
    { urls: "stun:${host}" },
    { urls: ["turn:${host}?transport=udp", "turn:${host}?transport=tcp"], username: "u", credential: "p" },
  ] });
  pc.createDataChannel("d");
  await pc.setLocalDescription(await pc.createOffer());
});
attempt(() => typeof WebTransport === "function" && new WebTransport("https://${host}/transport").ready);
</script>
</body></html>`;
}
