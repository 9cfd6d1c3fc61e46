import type { LlmsTxt } from "../../schemas/llms-txt.js";
import { extractPage } from "../extract/extract-page.js";
import { describeGet } from "../fetch/safe-get.js";
import { type FetchTextOptions, fetchText } from "./fetch-text.js";
import { isHtmlResponse, isMarkdownResponse } from "./markdown-response.js";
import { mdTwinUrl } from "./md-twin.js";
import { type ContextDoc, renderContext } from "./render-ctx.js";

/** How one linked document was obtained for the context file. */
export interface ExpandedDoc {
  url: string;
  via: "markdown" | "md-twin" | "html" | "failed";
  error?: string;
}

/**
 * Builds llms-ctx.txt (or, with `optional`, llms-ctx-full.txt) from a parsed llms.txt: every linked
 * document is fetched — its `.md` twin preferred, an HTML page converted to clean markdown — and
 * wrapped in `<doc>`. A document that cannot be fetched is left out and reported in `docs`.
 *
 * @example
 * const { text, docs } = await expandLlmsTxt(parsed.llmsTxt, { fileUrl: "https://x.dev/llms.txt", optional: false, fetch: fetchOptions });
 */
export async function expandLlmsTxt(
  doc: LlmsTxt,
  options: { fileUrl?: string; optional: boolean; concurrency?: number; fetch: FetchTextOptions },
): Promise<{ text: string; docs: ExpandedDoc[] }> {
  const links = doc.sections.filter((s) => options.optional || !s.optional).flatMap((s) => s.links);
  const results: ({ doc: ContextDoc; report: ExpandedDoc } | undefined)[] = new Array(links.length);
  let next = 0;
  const worker = async () => {
    while (next < links.length) {
      const i = next++;
      const link = links[i]!;
      let url: string;
      try {
        url = new URL(link.url, options.fileUrl).href;
      } catch {
        results[i] = {
          doc: { title: link.title, url: link.url, content: "" },
          report: { url: link.url, via: "failed", error: "invalid URL" },
        };
        continue;
      }
      const fetched = await fetchDocument(url, options.fetch);
      const content = {
        title: link.title,
        url,
        ...(link.notes ? { desc: link.notes } : {}),
        content: fetched.content,
      };
      results[i] = { doc: content, report: fetched.report };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  const kept = results.filter((r): r is NonNullable<typeof r> => r !== undefined);
  const docs = kept.filter((r) => r.report.via !== "failed").map((r) => r.doc);
  const project = {
    title: doc.title,
    ...(doc.summary ? { summary: doc.summary } : {}),
    ...(doc.info ? { info: doc.info } : {}),
  };
  return { text: renderContext(project, docs), docs: kept.map((r) => r.report) };
}

async function fetchDocument(
  url: string,
  options: FetchTextOptions,
): Promise<{ content: string; report: ExpandedDoc }> {
  const twinUrl = mdTwinUrl(url);
  // Try the twin first for a page URL: one request when the site follows the proposal.
  if (twinUrl !== url) {
    const twin = await fetchText(twinUrl, options);
    if (twin.ok && isMarkdownResponse(twin)) return { content: twin.text, report: { url, via: "md-twin" } };
  }
  const res = await fetchText(url, options);
  if (!res.ok) return { content: "", report: { url, via: "failed", error: describeGet(res) } };
  if (isMarkdownResponse(res)) return { content: res.text, report: { url, via: "markdown" } };
  if (isHtmlResponse(res)) {
    try {
      const extracted = extractPage(res.text, res.finalUrl);
      if (extracted.markdown.trim()) return { content: extracted.markdown, report: { url, via: "html" } };
      return {
        content: "",
        report: { url, via: "failed", error: extracted.jsRequired ? "needs JavaScript" : "no content" },
      };
    } catch (err) {
      return {
        content: "",
        report: { url, via: "failed", error: `extraction failed: ${(err as Error).message}` },
      };
    }
  }
  const error = res.status >= 400 ? describeGet(res) : `unsupported ${res.media?.type || "content"}`;
  return { content: "", report: { url, via: "failed", error } };
}
