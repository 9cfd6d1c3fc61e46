/**
 * Queries for bench/api.ts. `repeatedQueries` cycles 30 fixed questions (what a result cache sees
 * when agents ask the same things); `distinctQueries` never repeats one within a run, built from the
 * bench index's own section headings, so a cache cannot answer them and every request pays for a
 * full search (the cold case).
 */
import { openStore } from "../indexer/store/store.js";

const FIXED = [
  "how do I set the api key for openai",
  "stream the response tokens",
  "fallback to another model when a call fails",
  "rate limit requests per user",
  "budget and spend tracking per key",
  "retry failed completions",
  "use a proxy server with docker",
  "caching responses with redis",
  "htmx swap the target element",
  "define a route with a path parameter",
  "serve static files",
  "sqlite database table setup",
  "session cookies and authentication",
  "websockets in fasthtml",
  "create an atom and a triple",
  "how is a claim staked",
  "bonding curve deposit and redeem",
  "spell slots for a wizard",
  "monster armor class and hit points",
  "equipment categories api endpoint",
  "graphql query example",
  "pagination of results",
  "environment variables configuration",
  "logging and callbacks",
  "embedding models supported",
  "function calling tools",
  "vision image input",
  "timeout settings",
  "deploy to production",
  "error handling exceptions",
];

const PREFIXES = ["how do I ", "", "what is ", "example of ", "configure ", "why does "];
const SUFFIXES = ["", " error", " example", " options", " not working", " in production"];

/**
 * The 30 fixed questions in turn, forever.
 *
 * @example const next = repeatedQueries(); next() // "how do I set the api key for openai"
 */
export function repeatedQueries(): () => string {
  let i = 0;
  return () => FIXED[i++ % FIXED.length]!;
}

/**
 * Questions that do not repeat (for over 100,000 calls), from the n-th on: prefix × section heading ×
 * suffix, headings read from one site of the bench index (every site holds the same text). The
 * same `from` gives the same questions, so two servers compared can be asked the same ones.
 *
 * @example const from = await distinctQueries("/tmp/agentweb-bench-api/index", "bench-1.example"); const next = from(0);
 */
export async function distinctQueries(
  indexDir: string,
  site: string,
): Promise<(from: number) => () => string> {
  const store = await openStore({ dir: indexDir, dims: 512 });
  let headings: string[];
  try {
    const pages = await store.listPages(site);
    headings = [
      ...new Set(
        pages.flatMap((p) =>
          p.headings.map((h) =>
            h.text
              .toLowerCase()
              .replace(/[^\p{L}\p{N}\s]+/gu, " ")
              .replace(/\s+/g, " ")
              .trim(),
          ),
        ),
      ),
    ].filter((h) => /\p{L}{3}/u.test(h));
  } finally {
    store.close();
  }
  if (headings.length === 0) throw new Error(`no headings in ${site}`);
  return (from) => {
    let n = from;
    return () => {
      const heading = headings[n % headings.length]!;
      const prefix = PREFIXES[Math.floor(n / headings.length) % PREFIXES.length]!;
      const suffix = SUFFIXES[Math.floor(n / (headings.length * PREFIXES.length)) % SUFFIXES.length]!;
      n += 1;
      return `${prefix}${heading}${suffix}`;
    };
  };
}
