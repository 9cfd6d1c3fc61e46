import type { CrawlProgress } from "../ops/crawl-site.js";
import { pagesPerSecond } from "../ops/present.js";

/**
 * A live one-line crawl progress display on a terminal's stderr; silent when stderr is not a TTY
 * (pipes and CI logs get the summary only).
 *
 * @example const line = progressLine(process.stderr); line.update(p); line.done();
 */
export function progressLine(stream: NodeJS.WriteStream) {
  const live = stream.isTTY === true;
  let last = 0;
  return {
    update(p: CrawlProgress): void {
      if (!live || Date.now() - last < 100) return;
      last = Date.now();
      const seconds = p.elapsedMs / 1000;
      const rate = pagesPerSecond(p.ok + p.skipped + p.failed, p.elapsedMs);
      const text = `pages ${p.ok} ok · ${p.skipped} skipped · ${p.failed} failed · ${p.queued} queued · ${p.chunks} chunks · ${rate.toFixed(1)} pages/s · ${seconds.toFixed(1)}s`;
      stream.write(`\r\x1b[2K${text}`);
    },
    done(): void {
      if (live) stream.write("\r\x1b[2K");
    },
  };
}
