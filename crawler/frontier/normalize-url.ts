import { AgentwebError } from "../../schemas/errors.js";

/** Query parameters that only track campaigns or sessions: two URLs differing in them are one page. */
const TRACKING_PARAMS = /^(utm_[a-z]+|gclid|fbclid|msclkid|mc_[a-z]+|_ga|ref_src|jsessionid|phpsessid|sid)$/i;

/**
 * The canonical form of a URL, used as the request's uniqueKey and the page's `url`: no fragment,
 * lower-case host, no default port, no tracking parameters or `;jsessionid=`, sorted query.
 *
 * @example
 * normalizeUrl("HTTP://Docs.Example.com:80/a?b=2&a=1&utm_source=x#top") // "http://docs.example.com/a?a=1&b=2"
 */
export function normalizeUrl(input: string | URL, base?: string | URL): string {
  const url = parseHttpUrl(input, base);
  url.hash = "";
  url.pathname = url.pathname.replace(/;jsessionid=[^/]*/i, "");
  const params = [...url.searchParams].filter(([k]) => !TRACKING_PARAMS.test(k));
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(params).toString();
  return url.href;
}

/**
 * Parses an http(s) URL or throws INVALID_URL with a message fit for a user.
 *
 * @example parseHttpUrl("docs.example.com") // throws: not an http(s) URL
 */
export function parseHttpUrl(input: string | URL, base?: string | URL): URL {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch (cause) {
    throw new AgentwebError("INVALID_URL", `not a valid URL: ${String(input)}`, {
      cause,
      data: { input: String(input) },
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AgentwebError("INVALID_URL", `not an http(s) URL: ${String(input)}`, {
      data: { input: String(input) },
    });
  }
  return url;
}
