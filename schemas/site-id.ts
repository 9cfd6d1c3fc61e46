/**
 * siteId: a URL-safe slug derived deterministically from a crawl's origin and scope prefix.
 *
 * @example
 * siteIdFor("https://docs.example.com/")          // "docs.example.com"
 * siteIdFor("http://127.0.0.1:8080/")             // "127.0.0.1-8080"
 * siteIdFor("https://example.com/v2/guide/intro") // "example.com-v2-guide"
 */
export function siteIdFor(startUrl: string | URL): string {
  const url = new URL(startUrl);
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  const defaultPort = url.protocol === "https:" ? "443" : "80";
  const parts = [host];
  if (url.port && url.port !== defaultPort) parts.push(url.port);
  parts.push(...scopePrefix(url).split("/").filter(Boolean));
  return parts
    .join("-")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}

/**
 * The path prefix a crawl stays under: the start URL's directory (a file name is dropped).
 *
 * @example scopePrefix(new URL("https://x.dev/docs/intro.html")) // "/docs/"
 */
export function scopePrefix(url: URL): string {
  const path = url.pathname;
  return path.endsWith("/") ? path : path.slice(0, path.lastIndexOf("/") + 1);
}
