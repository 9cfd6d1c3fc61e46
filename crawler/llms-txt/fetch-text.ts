/** The fetch the link checker and expander use; an HTTP or MCP adapter passes its egress-guarded one. */
export type FetchLike = (
  url: string,
  init: { signal: AbortSignal; headers: Record<string, string> },
) => Promise<Response>;

export interface FetchTextOptions {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  accept?: string;
  fetch?: FetchLike;
}

/** A fetched text resource; `error` is set (and status 0) when no response came back. */
export interface FetchedText {
  url: string;
  finalUrl: string;
  status: number;
  /** The media type, lower-case, without parameters ("" when absent). */
  mediaType: string;
  body: string;
  /** The raw body, for callers that must tell binary from text. */
  bytes: Uint8Array;
  error?: string;
}

/**
 * GETs a URL with a timeout and a body-size cap; never throws (network errors come back in `error`).
 *
 * @example const res = await fetchText("https://x.dev/llms.txt", { timeoutMs: 10_000, maxBytes: 5e6, userAgent: "agentweb" });
 */
export async function fetchText(url: string, options: FetchTextOptions): Promise<FetchedText> {
  const doFetch: FetchLike = options.fetch ?? ((u, init) => fetch(u, { ...init, redirect: "follow" }));
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await doFetch(url, {
      signal,
      headers: {
        "user-agent": options.userAgent,
        accept: options.accept ?? "text/markdown, text/plain;q=0.9, */*;q=0.5",
      },
    });
    const bytes = await readCapped(response, options.maxBytes);
    return {
      url,
      finalUrl: response.url || url,
      status: response.status,
      mediaType: mediaTypeOf(response.headers.get("content-type")),
      body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"),
      bytes,
    };
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    const error =
      e?.name === "TimeoutError"
        ? "timed out"
        : (e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err));
    return { url, finalUrl: url, status: 0, mediaType: "", body: "", bytes: new Uint8Array(), error };
  }
}

/**
 * The media type of a Content-Type header, parsed rather than substring-matched.
 *
 * @example mediaTypeOf("Text/Markdown; charset=utf-8") // "text/markdown"
 */
export function mediaTypeOf(header: string | null): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new Error(`body exceeds ${maxBytes} bytes`);
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}
