/**
 * Code identifiers in the forms the full-text tokenizer cannot see. LanceDB's "simple" tokenizer
 * splits on punctuation and lowercases, so `pg_stat_activity` becomes `pg stat activity` (the whole
 * is lost: any page mentioning "stat" and "activity" matches as well) and `camelCase` stays one
 * token `camelcase` (its parts are lost). The tokenizer has no option for either, so the text is
 * expanded instead: identifiers joined by `_`, `.`, `-` or `::` gain their joined form (one rare
 * token, which BM25 weighs highly), and camelCase / PascalCase words gain their parts.
 */
const IDENTIFIER = /[\p{L}\p{N}]+(?:(?:_|\.|::|-)[\p{L}\p{N}]+)+|[\p{L}\p{N}]*\p{Ll}\p{Lu}[\p{L}\p{N}]*/gu;

/** What a word must contain to hold an identifier: a cheap test before the full pattern. */
const MAY_HOLD_IDENTIFIER = /[_.:-]|\p{Ll}\p{Lu}/u;

/** Lower→upper and acronym→word boundaries: `parseHTTPRequest` → parse HTTP Request. */
const CASE_BOUNDARY = /(?<=\p{Ll}|\p{N})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;

/**
 * The extra words for the identifiers in `text`, one space-separated string (empty when none):
 * append it to what is indexed and to the query, so both sides gain the same tokens.
 *
 * @example identifierVariants("see pg_stat_activity and maxWalSenders") // "pgstatactivity max wal senders"
 * @example identifierVariants("set a.b.c") // "abc"
 */
export function identifierVariants(text: string): string {
  const extra = new Set<string>();
  // Identifiers never span white space: only the few words that may hold one meet the pattern.
  const matches = text
    .split(/\s+/)
    .filter((word) => MAY_HOLD_IDENTIFIER.test(word))
    .flatMap((word) => [...word.matchAll(IDENTIFIER)].map(([m]) => m));
  for (const match of matches) {
    // Sentence punctuation ("end.Next", "well-known") is not code: dotted/dashed forms count only
    // when lowercase and not plain prose hyphenation of two long words.
    const parts = match.split(/_|\.|::|-/);
    if (parts.length > 1) {
      if (match.includes("-") && !/[_.:]/.test(match)) continue;
      if (match.includes(".") && parts.some((p) => /^\p{Lu}\p{Ll}/u.test(p))) continue;
      if (parts.every((p) => /^\p{N}+$/u.test(p))) continue; // version numbers: 15.4
      extra.add(parts.join("").toLowerCase());
    }
    for (const part of parts) {
      const words = part.split(CASE_BOUNDARY);
      // Two-part PascalCase is mostly a product name (PostgreSQL, JavaScript): splitting it would
      // add "sql" to every page of a PostgreSQL manual. camelCase and longer PascalCase are code.
      if (words.length > 2 || (words.length === 2 && /^\p{Ll}/u.test(part)))
        extra.add(words.join(" ").toLowerCase());
    }
  }
  return [...extra].join(" ");
}

/**
 * `text` followed by its identifier variants on a line of their own (unchanged when it has none).
 *
 * @example withIdentifierVariants("uses max_connections") // "uses max_connections\nmaxconnections"
 */
export function withIdentifierVariants(text: string): string {
  const extra = identifierVariants(text);
  return extra ? `${text}\n${extra}` : text;
}
