/**
 * The QA sets in ../shared/bench-data/retrieval/ and the corpus each one is written against, as the
 * set's README gives it: the Debian package, the HTML directory inside it, and which of its pages
 * are the corpus. Page paths are relative to that directory (`sql-update.html`,
 * `library/json.html`), the form the sets' `target` and `alternatives` use.
 */

/** Pages get this origin: stable across runs, so cached chunk ids and vectors stay valid. */
export const BENCH_ORIGIN = "http://127.0.0.1:8015";
export const BENCH_SITE = "127.0.0.1-8015";

export interface QaSet {
  /** Short name used in tables, cache dirs and `--sets`. */
  name: string;
  /** The JSON-lines file of questions, in the QA directory. */
  file: string;
  /** Debian package holding the HTML. */
  pkg: string;
  /** The package version the set was written against (a different one is reported, not refused). */
  version: string;
  /** The HTML directory inside the unpacked package. */
  htmlPath: string;
  /** Whether a page (path relative to the HTML directory) belongs to the corpus. */
  inCorpus(path: string): boolean;
}

export const QA_SETS: QaSet[] = [
  {
    name: "postgres",
    file: "postgres-qa.jsonl",
    pkg: "postgresql-doc-15",
    version: "15.20-0+deb12u1",
    htmlPath: "usr/share/doc/postgresql-doc-15/html",
    // README: "the 1169 *.html files".
    inCorpus: (path) => !path.includes("/"),
  },
  {
    name: "node",
    file: "node-qa.jsonl",
    pkg: "nodejs-doc",
    version: "18.20.4+dfsg-1~deb12u3",
    htmlPath: "usr/share/doc/nodejs/api",
    // README: 65 pages, of which all.html (every page concatenated) and index.html are not corpus.
    inCorpus: (path) => !path.includes("/") && path !== "all.html" && path !== "index.html",
  },
  {
    name: "python",
    file: "python-qa.jsonl",
    pkg: "python3.11-doc",
    version: "3.11.2-6+deb12u9",
    htmlPath: "usr/share/doc/python3.11/html",
    // README: "530 *.html files there", every one a page a crawl of the docs reaches (the indexes,
    // search and whatsnew/ included; the set's alternatives were only looked for outside those).
    inCorpus: (path) => !path.startsWith("_"),
  },
];

/** One line of a QA set (`anchor` is given by the Node and Python sets only; diagnostic). */
export interface Question {
  id: string;
  question: string;
  target: string;
  alternatives: string[];
  evidence: string;
  kind: string;
  anchor?: string;
}

/**
 * A page path as the sets write it: fragment dropped, and the bench origin dropped from a URL.
 *
 * @example pagePath("http://127.0.0.1:8015/library/json.html#basic-usage") // "library/json.html"
 */
export function pagePath(urlOrPath: string): string {
  const path = urlOrPath.split("#")[0]!;
  return path.startsWith(`${BENCH_ORIGIN}/`) ? path.slice(BENCH_ORIGIN.length + 1) : path;
}
