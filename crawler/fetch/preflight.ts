import { AgentwebError } from "../../schemas/errors.js";

/**
 * Fails fast, with a clear error, when the start URL cannot be reached at all (DNS, refused
 * connection, timeout), instead of letting the crawl retry it and end with zero pages.
 *
 * @example await assertReachable("https://docs.example.com/", { timeoutMs: 10_000, userAgent: "agentweb" });
 */
export async function assertReachable(
  url: string,
  options: { timeoutMs: number; userAgent: string },
): Promise<void> {
  try {
    const response = await fetch(url, {
      headers: { "user-agent": options.userAgent },
      redirect: "follow",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body?.cancel();
  } catch (cause) {
    const reason = describeNetworkError(cause);
    throw new AgentwebError("UNREACHABLE", `cannot reach ${url}: ${reason}`, { cause, data: { url } });
  }
}

function describeNetworkError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError") return "timed out";
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
