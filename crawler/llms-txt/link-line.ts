/**
 * One list line of an llms.txt section, read the way the reference parser reads it
 * (`-\s*\[title\](url)(:\s*notes)?`) but without its blind spots: brackets escaped or balanced in
 * the title, parentheses balanced in the URL, `<url>` in angle brackets, `*` and `+` bullets.
 */

/** What a bullet line holds, and how far it strays from the strict form. */
export type LinkLine =
  | {
      kind: "link";
      bullet: string;
      title: string;
      url: string;
      notes?: string;
      separator: "colon" | "none" | "other";
      /** `- Title(https://…)`: a link written without the brackets. */
      unbracketed?: boolean;
    }
  | { kind: "malformed"; reason: string }
  | { kind: "not-link" };

const BULLET = /^\s*([-*+])\s*/;

/**
 * Reads one line as a link item.
 *
 * @example
 * readLinkLine("- [Guide](https://x.dev/guide.md): how to start")
 * // { kind: "link", bullet: "-", title: "Guide", url: "https://x.dev/guide.md", notes: "how to start", separator: "colon" }
 */
export function readLinkLine(line: string): LinkLine {
  const bullet = BULLET.exec(line);
  if (!bullet) return { kind: "not-link" };
  let i = bullet[0].length;
  if (line[i] !== "[") return readUnbracketed(line, i, bullet[1]!);
  const title = readBalanced(line, i, "[", "]");
  if (!title) return { kind: "malformed", reason: "the link title's [ is never closed" };
  i = title.end;
  if (line[i] !== "(") return { kind: "malformed", reason: "a [title] not followed by (url)" };
  const url = readBalanced(line, i, "(", ")");
  if (!url) return { kind: "malformed", reason: "the link's ( is never closed" };
  i = url.end;
  let target = url.text.trim();
  // CommonMark allows a link title after the destination: [t](url "title"); agents need only the URL.
  const titled = /^(\S+)\s+(".*"|'.*')$/.exec(target);
  if (titled) target = titled[1]!;
  if (target.startsWith("<") && target.endsWith(">")) target = target.slice(1, -1);
  const rest = line.slice(i);
  const base = {
    kind: "link" as const,
    bullet: bullet[1]!,
    title: unescapeMarkdown(title.text).trim(),
    url: target,
  };
  if (rest.trim() === "") return { ...base, separator: "colon" };
  const colon = /^\s*:\s*(.*)$/.exec(rest);
  if (colon) return { ...base, notes: colon[1]!.trim(), separator: "colon" };
  const other = rest.replace(/^\s*[-–—|]\s*/, "").trim();
  return { ...base, notes: other, separator: rest.trim() === other ? "none" : "other" };
}

/** `- Title(https://x.dev/a)`: seen in real files; read it, and let the caller report it. */
function readUnbracketed(line: string, start: number, bullet: string): LinkLine {
  const open = line.search(/\(https?:\/\//);
  if (open <= start) return { kind: "not-link" };
  const url = readBalanced(line, open, "(", ")");
  if (!url) return { kind: "not-link" };
  const title = line.slice(start, open).trim();
  const rest = line.slice(url.end);
  const notes = /^\s*:\s*(.*)$/.exec(rest)?.[1]?.trim();
  if (!title || (rest.trim() && notes === undefined)) return { kind: "not-link" };
  return {
    kind: "link",
    bullet,
    title,
    url: url.text.trim(),
    ...(notes ? { notes } : {}),
    separator: "colon",
    unbracketed: true,
  };
}

/** Text between `open` at `start` and its matching `close`, honouring backslash escapes. */
function readBalanced(
  line: string,
  start: number,
  open: string,
  close: string,
): { text: string; end: number } | undefined {
  let depth = 0;
  for (let i = start; i < line.length; i++) {
    const ch = line[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (ch === open) depth++;
    else if (ch === close && --depth === 0) return { text: line.slice(start + 1, i), end: i + 1 };
  }
  return undefined;
}

/**
 * Removes markdown backslash escapes from link text.
 *
 * @example unescapeMarkdown("a \\[b\\]") // "a [b]"
 */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!<>|:])/g, "$1");
}

/**
 * Escapes what would end a link title early.
 *
 * @example escapeLinkTitle("a [b]") // "a \\[b\\]"
 */
export function escapeLinkTitle(text: string): string {
  return text.replace(/([\\[\]])/g, "\\$1");
}

/**
 * Makes a URL safe inside `(…)`: spaces and unbalanced parentheses are percent-encoded.
 *
 * @example escapeLinkUrl("https://x.dev/a b") // "https://x.dev/a%20b"
 */
export function escapeLinkUrl(url: string): string {
  const spaced = url.replace(/ /g, "%20");
  let depth = 0;
  for (const ch of spaced) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) break;
  }
  return depth === 0 ? spaced : spaced.replace(/\(/g, "%28").replace(/\)/g, "%29");
}
