/**
 * Loads Scrapinghub's article-extraction benchmark from ../shared/bench-data/aeb: the pages, the
 * human-marked main text and the peers' shipped outputs.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

export const AEB_DIR = join(import.meta.dirname, "../../shared/bench-data/aeb");

export interface AebPage {
  id: string;
  url: string;
  html: string;
}

interface Truth {
  articleBody: string;
  url: string;
}

function readTruth(): Record<string, Truth> {
  return JSON.parse(readFileSync(join(AEB_DIR, "ground-truth.json"), "utf8")) as Record<string, Truth>;
}

/**
 * The first `limit` pages (sorted by id) with their ground truth.
 *
 * @example const { pages, truth } = loadAeb(20);
 */
export function loadAeb(limit = Number.POSITIVE_INFINITY): { pages: AebPage[]; truth: Map<string, string> } {
  const all = readTruth();
  const pages = readdirSync(join(AEB_DIR, "html"))
    .filter((f) => f.endsWith(".html.gz"))
    .sort()
    .slice(0, limit)
    .map((f) => {
      const id = f.replace(/\.html\.gz$/, "");
      const html = gunzipSync(readFileSync(join(AEB_DIR, "html", f))).toString("utf8");
      return { id, html, url: all[id]?.url ?? "https://example.test/" };
    });
  const truth = new Map(pages.map((p) => [p.id, all[p.id]?.articleBody ?? ""]));
  return { pages, truth };
}

/**
 * The shipped outputs of the peers (`peer-outputs/<tool>.json`), unwrapped to id → text.
 *
 * @example loadPeerOutputs().get("trafilatura")?.get(id)
 */
export function loadPeerOutputs(): Map<string, Map<string, string>> {
  const dir = join(AEB_DIR, "peer-outputs");
  const out = new Map<string, Map<string, string>>();
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const raw = JSON.parse(readFileSync(join(dir, file), "utf8")) as Record<string, unknown>;
    const body = (raw.output && typeof raw.output === "object" ? raw.output : raw) as Record<
      string,
      { articleBody?: string }
    >;
    out.set(
      file.replace(/\.json$/, ""),
      new Map(Object.entries(body).map(([id, v]) => [id, v?.articleBody ?? ""])),
    );
  }
  return out;
}
