/**
 * The markdown twin of a page URL, as the llms.txt proposal defines it: the same URL with `.md`
 * appended, or `index.html.md` for a URL without a file name. A URL already ending in `.md` is its
 * own twin.
 *
 * @example
 * mdTwinUrl("https://x.dev/docs/retries.html") // "https://x.dev/docs/retries.html.md"
 * mdTwinUrl("https://x.dev/docs/")             // "https://x.dev/docs/index.html.md"
 */
export function mdTwinUrl(pageUrl: string): string {
  const url = new URL(pageUrl);
  url.hash = "";
  url.pathname = mdTwinPath(url.pathname);
  return url.href;
}

/**
 * The twin of a URL path.
 *
 * @example mdTwinPath("/") // "/index.html.md"
 */
export function mdTwinPath(pathname: string): string {
  if (pathname.endsWith(".md")) return pathname;
  return pathname.endsWith("/") ? `${pathname}index.html.md` : `${pathname}.md`;
}

/**
 * The page path a twin path stands for (the inverse of {@link mdTwinPath}).
 *
 * @example pagePathOfTwin("/docs/index.html.md") // "/docs/"
 */
export function pagePathOfTwin(twinPath: string): string {
  if (twinPath.endsWith("/index.html.md")) return twinPath.slice(0, -"index.html.md".length);
  return twinPath.endsWith(".md") ? twinPath.slice(0, -3) : twinPath;
}
