import { createHash } from "node:crypto";

/** Most file systems (ext4, APFS, NTFS, tmpfs) refuse a single name longer than this, in bytes. */
export const MAX_NAME_BYTES = 255;

const HASH_CHARS = 12;

/**
 * A file name of at most {@link MAX_NAME_BYTES} UTF-8 bytes for `name`: the name itself when it
 * fits, else a readable prefix, `~`, and a hash of the whole name, keeping `suffix` (`.md`) at the
 * end when the name has it. The same name always gives the same result, and the prefix never ends
 * inside a multi-byte character.
 *
 * @example
 * fitFileName("retries.html.md")          // "retries.html.md"
 * fitFileName(`${"a".repeat(300)}.md`, ".md") // "aaa…a~3f2c9e01b7d4.md" (255 bytes)
 */
export function fitFileName(name: string, suffix = ""): string {
  if (Buffer.byteLength(name) <= MAX_NAME_BYTES) return name;
  const kept = suffix && name.endsWith(suffix) ? suffix : "";
  const hash = createHash("sha256").update(name).digest("hex").slice(0, HASH_CHARS);
  const tail = `~${hash}${kept}`;
  const stem = name.slice(0, name.length - kept.length);
  return `${utf8Prefix(stem, MAX_NAME_BYTES - Buffer.byteLength(tail))}${tail}`;
}

/** The longest prefix of `text` made of whole code points that fits in `maxBytes` UTF-8 bytes. */
function utf8Prefix(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return text.slice(0, end);
}
