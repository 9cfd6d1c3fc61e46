import type { ContextPart } from "../../schemas/context.js";
import type { StoredChunk } from "../store/store.js";

/** A chosen chunk (its text possibly cut to a window) with the rank search gave it. */
export interface Candidate {
  hit: StoredChunk;
  rank: number;
}

/** The heading line a chunk opens with (chunks repeat their section's heading), else undefined. */
export function headingLineOf(text: string): string | undefined {
  const first = text.trimStart().split("\n", 1)[0]!;
  return /^#{1,6}\s/.test(first) ? first.trim() : undefined;
}

/**
 * A run of adjacent chunks as one text. A section split into several chunks repeats its heading
 * at the top of each; the part says it once.
 */
function joinRun(run: Candidate[]): string {
  const texts: string[] = [];
  let heading: string | undefined;
  for (const c of run) {
    let text = c.hit.text.trim();
    const own = headingLineOf(text);
    if (own !== undefined && own === heading) text = text.trimStart().slice(own.length).trim();
    if (own !== undefined) heading = own;
    if (text) texts.push(text);
  }
  return texts.join("\n\n");
}

/**
 * The pack's parts: chosen chunks grouped per page (pages by their best rank), adjacent chunks of a
 * page merged into one part cited by its first chunk, a page's parts best first, so the pack opens
 * with its most relevant passage. A part whose text is already in the pack is left out.
 *
 * @example buildParts(chosen, countTokens)[0].citation // the best chunk's page, its best run
 */
export function buildParts(chosen: Candidate[], count: (text: string) => number): ContextPart[] {
  const pages = new Map<string, Candidate[]>();
  for (const c of [...chosen].sort((a, b) => a.rank - b.rank)) {
    const list = pages.get(c.hit.url) ?? [];
    list.push(c);
    pages.set(c.hit.url, list);
  }
  const parts: ContextPart[] = [];
  const texts = new Set<string>();
  for (const list of pages.values()) {
    for (const run of runsOf(list)) {
      const text = joinRun(run);
      if (texts.has(text)) continue;
      texts.add(text);
      const first = run[0]!.hit;
      parts.push({
        citation: first.anchor ? `${first.url}#${first.anchor}` : first.url,
        url: first.url,
        title: first.title,
        headingPath: first.headingPath,
        text,
        tokens: count(text),
      });
    }
  }
  return parts;
}

/** A page's chosen chunks as runs of adjacent chunks (document order inside), best run first. */
function runsOf(list: Candidate[]): Candidate[][] {
  const runs: Candidate[][] = [];
  let run: Candidate[] = [];
  for (const c of [...list].sort((a, b) => a.hit.ordinal - b.hit.ordinal)) {
    const last = run[run.length - 1];
    if (last && c.hit.ordinal !== last.hit.ordinal + 1) {
      runs.push(run);
      run = [];
    }
    run.push(c);
  }
  if (run.length) runs.push(run);
  const best = (r: Candidate[]) => Math.min(...r.map((c) => c.rank));
  return runs.sort((a, b) => best(a) - best(b));
}
