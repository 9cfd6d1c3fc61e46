/**
 * Text made safe for HTML and XML, in element content and in quoted attributes alike: the five
 * characters that could end a text or an attribute early become numeric references. Everything the
 * project writes as HTML or XML from outside text (audit reports, the API docs page, llms-ctx
 * documents) goes through this one function.
 *
 * @example escapeHtml(`<a href="x">Tom & Jerry's</a>`) // "&#60;a href=&#34;x&#34;&#62;Tom &#38; Jerry&#39;s&#60;/a&#62;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
