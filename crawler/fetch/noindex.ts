/** Opt-outs a page declares: `noindex` in an X-Robots-Tag header or a robots meta tag. */

/**
 * True when the header forbids indexing for every agent or for ours (`X-Robots-Tag: agentweb: noindex`).
 *
 * @example headerSaysNoindex("noindex, nofollow", "agentweb") // true
 */
export function headerSaysNoindex(header: string | undefined, agentToken: string): boolean {
  if (!header) return false;
  for (const part of header.split(/,(?=\s*[a-z-]+\s*:)/i)) {
    const m = /^\s*([a-z0-9_-]+)\s*:\s*(.*)$/i.exec(part);
    const scoped = m && !/^(noindex|none|nofollow|noarchive|unavailable_after)$/i.test(m[1]!);
    if (scoped && m[1]!.toLowerCase() !== agentToken) continue;
    if (/\b(noindex|none)\b/i.test(scoped ? m[2]! : part)) return true;
  }
  return false;
}

/**
 * True when a `<meta name="robots">` (or `<meta name="agentweb">`) says noindex or none.
 *
 * @example metaSaysNoindex('<meta name="robots" content="noindex">', "agentweb") // true
 */
export function metaSaysNoindex(html: string, agentToken: string): boolean {
  const head = html.slice(0, 65_536);
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const name = /\bname\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1]?.toLowerCase();
    if (name !== "robots" && name !== agentToken) continue;
    const content = /\bcontent\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1] ?? "";
    if (/\b(noindex|none)\b/i.test(content)) return true;
  }
  return false;
}
