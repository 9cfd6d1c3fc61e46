/**
 * `extract` as an operation: one file or URL → clean markdown, main text, token counts and what
 * was removed. URLs are fetched with a timeout and a decoded-body cap; the caller decides whether
 * an address may be fetched (the CLI, run by a user on their own machine, may fetch any).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ExtractedPage } from "../../crawler/extract/extract-page.js";
import { extractWithin } from "../../crawler/extract-pool/in-thread.js";
import { decodeText } from "../../crawler/fetch/decode-text.js";
import { httpFetch } from "../../crawler/fetch/http-fetch.js";
import { parseMediaType } from "../../crawler/fetch/media-type.js";
import { markdownToMainText } from "../../crawler/markdown/plain-text.js";
import { Config } from "../../schemas/config.js";
import { AgentwebError } from "../../schemas/errors.js";
import type { Removal } from "../../schemas/page.js";
import { countTokens } from "../../schemas/tokens.js";

export interface ExtractDocumentOptions {
  /** Base URL for relative links (default: the fetched URL, or the file's file:// URL). */
  baseUrl?: string;
  timeoutMs?: number;
  maxBodyBytes?: number;
  userAgent?: string;
  /** Time budget for extracting the document (default: the config's `extractTimeoutMs`). */
  extractTimeoutMs?: number;
}

/** One line of `extract --json`. Metadata fields follow the required ones and are absent when undeclared. */
export interface ExtractedDocument {
  input: string;
  url: string;
  title: string;
  markdown: string;
  text: string;
  tokens: { html: number; markdown: number };
  removed: Removal[];
  description: string;
  lang: string;
  canonical?: string;
  published?: string;
  modified?: string;
  jsonLdTypes?: string[];
  openGraph?: Record<string, string>;
  jsRequired?: string;
}

const DEFAULTS = {
  timeoutMs: Config.shape.requestTimeoutMs.parse(undefined),
  maxBodyBytes: 20 * 1024 * 1024,
  extractTimeoutMs: Config.shape.extractTimeoutMs.parse(undefined),
};

const isUrl = (input: string): boolean => /^https?:\/\//i.test(input);

async function load(input: string, o: ExtractDocumentOptions): Promise<{ html: string; url: string }> {
  if (isUrl(input)) {
    if (!URL.canParse(input)) throw new AgentwebError("INVALID_URL", `not a valid URL: ${input}`);
    const res = await httpFetch(input, {
      totalTimeoutMs: o.timeoutMs ?? DEFAULTS.timeoutMs,
      maxBodyBytes: o.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
      headers: { "user-agent": o.userAgent ?? "agentweb-extract", accept: "text/html,*/*;q=0.5" },
    });
    if (res.status >= 400) {
      throw new AgentwebError("HTTP_ERROR", `${input} answered HTTP ${res.status}`, {
        data: { status: res.status },
      });
    }
    const charset = parseMediaType(res.headers["content-type"])?.params.charset;
    return { html: decodeText(res.body, charset, true), url: res.finalUrl };
  }
  const path = resolve(input);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new AgentwebError(
      "INVALID_INPUT",
      `cannot read ${input}: ${(err as NodeJS.ErrnoException).code ?? err}`,
      {
        cause: err,
      },
    );
  }
  const max = o.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
  if (bytes.length > max) throw new AgentwebError("BODY_TOO_LARGE", `${input} is larger than ${max} bytes`);
  return { html: decodeText(bytes, undefined, true), url: pathToFileURL(path).href };
}

function toDocument(input: string, url: string, html: string, page: ExtractedPage): ExtractedDocument {
  const { title, markdown, removed, description, lang } = page;
  const doc: ExtractedDocument = {
    input,
    url,
    title,
    markdown,
    text: page.text ?? markdownToMainText(markdown),
    tokens: { html: countTokens(html), markdown: countTokens(markdown) },
    removed,
    description,
    lang,
  };
  for (const key of [
    "canonical",
    "published",
    "modified",
    "jsonLdTypes",
    "openGraph",
    "jsRequired",
  ] as const) {
    if (page[key] !== undefined) Object.assign(doc, { [key]: page[key] });
  }
  return doc;
}

/**
 * Extracts one file or http(s) URL. Throws AgentwebError (INVALID_INPUT, INVALID_URL, HTTP_ERROR,
 * TIMEOUT, BODY_TOO_LARGE, FETCH_FAILED) when the input cannot be read, EXTRACT_TIMEOUT when its
 * extraction takes longer than the budget.
 *
 * @example
 * const doc = await extractDocument("docs/page.html", { baseUrl: "https://docs.example.com/page.html" });
 * doc.markdown; doc.tokens; // { html: 5120, markdown: 830 }
 */
export async function extractDocument(
  input: string,
  options: ExtractDocumentOptions = {},
): Promise<ExtractedDocument> {
  if (options.baseUrl !== undefined && !/^https?:\/\//i.test(options.baseUrl)) {
    throw new AgentwebError("BAD_USAGE", `--base-url must be an http(s) URL (got ${options.baseUrl})`);
  }
  const loaded = await load(input, options);
  const { html } = loaded;
  // A fetched page is where it was fetched from; a local file is where --base-url says it lives.
  const url = isUrl(input) ? loaded.url : (options.baseUrl ?? loaded.url);
  const base = options.baseUrl ?? url;
  // In the calling thread (the CLI's own), but never longer than the budget: EXTRACT_TIMEOUT past it.
  const { extracted } = extractWithin(html, base, options.extractTimeoutMs ?? DEFAULTS.extractTimeoutMs);
  return toDocument(input, url, html, extracted);
}
