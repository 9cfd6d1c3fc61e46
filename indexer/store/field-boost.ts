import type { StoredChunk } from "./store.js";

/** Words that say nothing about a docs topic (question words, auxiliaries, pronouns). */
const STOP = new Set(
  (
    "a an and are as at be but by can could did do does doing for from get got has have how i if in into is it " +
    "its me my no not of on or our should so than that the their them then there these they this to use used " +
    "using was we what when where which while who why will with without would you your"
  ).split(" "),
);

/**
 * Lowercase content words, each cut to a 5-letter prefix: a cheap stem that matches "indexes" to "index".
 *
 * @example stemTerms("How do I create indexes?") // ["creat", "index"]
 */
export function stemTerms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => w.slice(0, 5));
}

/** Weights of the re-scoring signals (0 turns one off). */
export interface FieldWeights {
  /** × the share of the query's terms found in the page title, heading path or anchor. */
  fields: number;
  /** × (the share of the page title's terms that the query names)². */
  title: number;
  /** × the share of the query's adjacent term pairs found adjacent in the chunk's text. */
  pairs: number;
}

/** A leading section number ("2.8.", "F.1.") says nothing about the topic. */
const SECTION_NUMBER = /^[\p{L}\p{N}]{1,3}(\.\p{N}+)*\.\s/u;

/** The site's name after the page's own title: "Scheduling | Quiver Docs", "Intro — MDN". */
const SITE_SUFFIX = /\s[|–—·-]\s.*$/u;

/**
 * The words of a page title that name its topic.
 *
 * @example titleTerms("2.8. Updates") // ["updat"]
 * @example titleTerms("Scheduling | Quiver Docs") // ["sched"]
 */
export function titleTerms(title: string): string[] {
  return [...new Set(stemTerms(title.replace(SECTION_NUMBER, "").replace(SITE_SUFFIX, "")))];
}

/**
 * Field- and proximity-aware re-scoring of full-text hits. The full-text index reads heading path
 * and body as one bag of words, so a title match counts no more than a passing mention in a long
 * body, and words far apart count as much as a phrase. A hit's score is multiplied by
 * 1 + fields·(query terms in its title/headings/anchor) + title·(title terms the query names)² +
 * pairs·(query word pairs found side by side in its text):
 * - on docs, the section named after the topic is usually the answer;
 * - a question that names a whole page title ("what does DROP GROUP delete") asks about that page,
 *   squared so that one shared word of a long title counts for little;
 * - "ORDER BY … DESC", "ALTER SYSTEM", "exception clause": the words side by side are the topic.
 *
 * @example boostByFields(hits, "why is autovacuum not running", { fields: 1, title: 0.5, pairs: 1 })
 */
export function boostByFields(hits: StoredChunk[], query: string, weights: FieldWeights): StoredChunk[] {
  const queryTerms = stemTerms(query);
  const terms = [...new Set(queryTerms)];
  if (terms.length === 0 || (weights.fields === 0 && weights.title === 0 && weights.pairs === 0)) return hits;
  const asked = new Set(terms);
  const queryPairs = pairsOf(queryTerms);
  const shareOf = <T>(items: T[], has: (item: T) => boolean) =>
    items.length ? items.filter(has).length / items.length : 0;
  return hits
    .map((hit) => {
      const fields = new Set(
        stemTerms(`${hit.title} ${hit.headingPath.join(" ")} ${hit.anchor.replace(/[-_.]/g, " ")}`),
      );
      const title = titleTerms(hit.title);
      const pairShare =
        weights.pairs && queryPairs.size ? pairsFoundIn(hit.text, queryPairs) / queryPairs.size : 0;
      const boost =
        weights.fields * shareOf(terms, (t) => fields.has(t)) +
        weights.title * shareOf(title, (t) => asked.has(t)) ** 2 +
        weights.pairs * pairShare;
      return { ...hit, score: hit.score * (1 + boost) };
    })
    .sort((a, b) => b.score - a.score);
}

/** Adjacent pairs of a term sequence ("order by desc" → "order by", "by desc"). */
function pairsOf(terms: string[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 1; i < terms.length; i++) pairs.add(`${terms[i - 1]} ${terms[i]}`);
  return pairs;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Calls `visit` with each term of `text` (as `stemTerms` makes them, in order) until it returns
 * false. A scan of char codes: re-scoring reads every candidate's whole text, and a regex match
 * object per word made that most of a search's JavaScript time.
 */
function eachTerm(text: string, visit: (term: string) => boolean): void {
  const lower = text.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    let width = 1;
    let inWord: boolean;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) inWord = true;
    else if (c < 128) inWord = false;
    else {
      const point = lower.codePointAt(i)!;
      width = point > 0xffff ? 2 : 1;
      inWord = LETTER_OR_DIGIT.test(String.fromCodePoint(point));
    }
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const word = lower.slice(start, i);
      start = -1;
      if (word.length > 1 && !STOP.has(word) && !visit(word.slice(0, 5))) return;
    }
    i += width - 1;
  }
}

/**
 * Which of `wanted` (terms as `stemTerms` makes them) occur in `texts`, added to `found`: the same
 * as intersecting with `stemTerms(text)`, without building the term list of a long text, and
 * stopping once all are found.
 *
 * @example termsFoundIn(["Read a file line by line"], new Set(["line", "write"]), new Set()).size // 1
 */
export function termsFoundIn(texts: string[], wanted: Set<string>, found: Set<string>): Set<string> {
  for (const text of texts) {
    if (found.size >= wanted.size) break;
    eachTerm(text, (term) => {
      if (wanted.has(term)) found.add(term);
      return found.size < wanted.size;
    });
  }
  return found;
}

/**
 * How many of `wanted` (pairs as `pairsOf` makes them) occur in `text`'s term sequence: the same
 * count as intersecting with `pairsOf(stemTerms(text))`, without building every pair of a long
 * text (a search re-scores up to k + 50 candidates; this was most of its JS time).
 */
function pairsFoundIn(text: string, wanted: Set<string>): number {
  const firsts = new Set<string>();
  for (const pair of wanted) firsts.add(pair.slice(0, pair.indexOf(" ")));
  const found = new Set<string>();
  let previous: string | undefined;
  eachTerm(text, (term) => {
    if (previous !== undefined && firsts.has(previous)) {
      const pair = `${previous} ${term}`;
      if (wanted.has(pair)) found.add(pair);
    }
    previous = term;
    return found.size < wanted.size;
  });
  return found.size;
}
