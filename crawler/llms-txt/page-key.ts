/**
 * A key under which a page, its `.md` twin, its `.html` file and its directory form all match.
 *
 * @example pageKey("https://X.dev/docs/a.html.md") === pageKey("https://x.dev/docs/a/") // true
 */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    let path = decodeURIComponent(u.pathname);
    path = path
      .replace(/\/index\.html\.md$/, "/")
      .replace(/\.md$/, "")
      .replace(/\/index\.html?$/, "/")
      .replace(/\.html?$/, "");
    path = path.replace(/\/+$/, "");
    return `${u.hostname.toLowerCase()}${path}`;
  } catch {
    return url;
  }
}
