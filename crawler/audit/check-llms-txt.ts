/**
 * llms.txt: present (at the root or under the audited path), served as text, the validator's
 * findings, dead links, coverage of the sampled pages, size in tokens; llms-full.txt present; and
 * whether pages offer markdown to agents (`.md` twins or `Accept: text/markdown`).
 */
import type { AuditEvidence, AuditFinding } from "../../schemas/audit.js";
import type { LlmsTxtReport } from "../../schemas/llms-txt.js";
import { isHtmlType } from "../fetch/media-type.js";
import { describeGet, type GetOk, type GetResult, type SafeGet, statusOf } from "../fetch/safe-get.js";
import { looksLikeHtml } from "../llms-txt/decode-input.js";
import { mdTwinUrl } from "../llms-txt/md-twin.js";
import { pageKey } from "../llms-txt/page-key.js";
import { validateLlmsTxt } from "../llms-txt/validate.js";

export interface LlmsTxtInput {
  startUrl: string;
  pages: string[];
  sitemapUrl?: string;
  get: SafeGet;
  limits: { userAgent: string; timeoutMs: number; maxBytes: number };
}

export interface LlmsTxtOutcome {
  findings: AuditFinding[];
  url?: string;
  report?: LlmsTxtReport;
  /** Share of sampled pages the llms.txt lists (0 when absent). */
  coverage: number;
  fullTxt: boolean;
}

/** How llms.txt and its links are asked for: as an agent would, markdown first. */
export const LLMS_ACCEPT = { accept: "text/markdown, text/plain;q=0.9, */*;q=0.5" };
/** Links of llms.txt requested to find dead ones. */
const MAX_LINKS_CHECKED = 100;
/** Pages probed for a markdown version. */
const MARKDOWN_PROBES = 5;
/** Above this, an llms.txt no longer fits a small context window comfortably. */
const LARGE_TOKENS = 20_000;

/** A 200 that is not an HTML page (a server answering /llms.txt with its 404 page or an SPA shell). */
const isText = (r: GetResult) =>
  r.ok && r.status === 200 && !isHtmlType(r.media) && !looksLikeHtml(r.text.slice(0, 2000));

/**
 * @example const { findings, url, coverage } = await checkLlmsTxt({ startUrl, pages, get, limits });
 */
export async function checkLlmsTxt(input: LlmsTxtInput): Promise<LlmsTxtOutcome> {
  const findings: AuditFinding[] = [];
  const add = (f: Omit<AuditFinding, "category">) => findings.push({ category: "llms-txt", ...f });
  // Independent of llms.txt: asked for while llms.txt is read.
  const markdownProbes = markdownVersions(input);
  const candidates = llmsTxtCandidates(input.startUrl);
  let found: GetOk | undefined;
  for (const url of candidates) {
    const res = await input.get(url, LLMS_ACCEPT);
    if (res.ok && isText(res)) {
      found = res;
      break;
    }
  }
  const markdown = await markdownProbes;
  if (!markdown.some((m) => m.ok)) {
    add({
      code: "no-markdown-versions",
      severity: "warning",
      message: `none of ${markdown.length} sampled pages offers markdown (no .md twin, Accept: text/markdown ignored)`,
      fix: "Publish a .md twin next to each page (`page.html.md`, `dir/index.html.md`) or answer `Accept: text/markdown` with markdown; `agentweb publish` writes the twins.",
      penalty: 15,
      evidence: markdown.map((m) => ({ url: m.url, detail: m.detail })),
    });
  }
  if (!found) {
    add({
      code: "llms-txt-missing",
      severity: "error",
      message: "no llms.txt: agents get no map of the site's important pages",
      fix: "Publish /llms.txt (see the suggested file in this report, or run `agentweb crawl` + `agentweb publish`).",
      penalty: 60,
      evidence: candidates.map((url) => ({ url, detail: "not found or not text" })),
    });
    const full = await input.get(new URL("llms-full.txt", candidates[0]).href);
    if (!isText(full)) addFullMissing(add, full.url);
    return { findings, coverage: 0, fullTxt: isText(full) };
  }
  const url = found.finalUrl;
  const type = found.media?.type ?? "";
  if (type !== "text/plain" && type !== "text/markdown") {
    add({
      code: "llms-txt-content-type",
      severity: "warning",
      message: `llms.txt is served as ${type || "no Content-Type"}`,
      fix: "Serve llms.txt as `text/plain; charset=utf-8` or `text/markdown; charset=utf-8`.",
      penalty: 10,
      evidence: [{ url, detail: `Content-Type: ${found.headers["content-type"] ?? "(none)"}` }],
    });
  }
  const fetchOptions = { ...input.limits, get: input.get };
  const report = await validateLlmsTxt(found.body, {
    source: url,
    fileUrl: url,
    ...(input.sitemapUrl ? { sitemapUrl: input.sitemapUrl } : {}),
    fetch: fetchOptions,
  });
  const problems = (severity: "error" | "warning") => report.findings.filter((f) => f.severity === severity);
  const asEvidence = (f: { line?: number | undefined; message: string; code: string }): AuditEvidence => ({
    url,
    ...(f.line ? { line: f.line } : {}),
    element: f.code,
    detail: f.message,
  });
  const errors = problems("error");
  if (errors.length) {
    add({
      code: "llms-txt-invalid",
      severity: "error",
      message: `llms.txt has ${errors.length} error(s) (conformance level ${report.level})`,
      fix: "Fix each line listed: an H1 title first, a `>` summary, `## Section` headings with `- [title](url): note` links.",
      penalty: Math.min(40, 10 * errors.length),
      evidence: errors.map(asEvidence),
    });
  }
  const warnings = problems("warning");
  if (warnings.length) {
    add({
      code: "llms-txt-warnings",
      severity: "warning",
      message: `llms.txt has ${warnings.length} warning(s)`,
      fix: "Address each warning at its line (duplicates, links without notes, HTML links with .md twins).",
      penalty: Math.min(15, 3 * warnings.length),
      evidence: warnings.map(asEvidence),
    });
  }
  await checkLinkTargets(report, url, input, add);
  const listed = new Set(
    report.llmsTxt.sections.flatMap((s) => s.links.map((l) => pageKey(absolute(l.url, url)))),
  );
  // A page counts as covered when llms.txt links it or its .md twin.
  const covered = input.pages.filter((p) => listed.has(pageKey(p)) || listed.has(pageKey(mdTwinUrl(p))));
  const coverage = input.pages.length ? covered.length / input.pages.length : 1;
  if (coverage < 0.5) {
    add({
      code: "llms-txt-coverage",
      severity: "warning",
      message: `llms.txt lists ${covered.length} of ${input.pages.length} sampled pages (${Math.round(coverage * 100)}%)${report.sitemap ? `; ${report.sitemap.covered} of ${report.sitemap.urls} sitemap URLs` : ""}`,
      fix: "List the pages agents need (guides, reference, API) in llms.txt sections; put the rest under `## Optional`.",
      penalty: Math.round(20 * (1 - coverage)),
      evidence: input.pages
        .filter((p) => !covered.includes(p))
        .slice(0, 10)
        .map((p) => ({ url: p, detail: "not listed" })),
    });
  }
  if (report.tokens.core > LARGE_TOKENS) {
    add({
      code: "llms-txt-large",
      severity: "warning",
      message: `llms.txt is ${report.tokens.core} tokens without its Optional section`,
      fix: `Keep llms.txt under ${LARGE_TOKENS} tokens: shorter notes, secondary pages under \`## Optional\`.`,
      penalty: 10,
      evidence: [{ url, detail: `${report.tokens.core} tokens (cl100k)` }],
    });
  }
  const full = await input.get(new URL("llms-full.txt", url).href);
  if (!isText(full)) addFullMissing(add, full.url);
  return { findings, url, report, coverage, fullTxt: isText(full) };
}

/**
 * Dead links among llms.txt's links on the audited origin; links to other origins are not
 * requested (the audit stays on the site) but reported when they are the majority, as on a copy or
 * staging host whose llms.txt still names production.
 */
async function checkLinkTargets(
  report: LlmsTxtReport,
  fileUrl: string,
  input: LlmsTxtInput,
  add: (f: Omit<AuditFinding, "category">) => void,
): Promise<void> {
  const origin = new URL(fileUrl).origin;
  const links = report.llmsTxt.sections.flatMap((s) => s.links.map((l) => absolute(l.url, fileUrl)));
  const own = [...new Set(links.filter((l) => l.startsWith(`${origin}/`)))];
  const elsewhere = links.filter((l) => !l.startsWith(`${origin}/`));
  const checked = await Promise.all(
    own.slice(0, MAX_LINKS_CHECKED).map(async (link) => ({ link, res: await input.get(link, LLMS_ACCEPT) })),
  );
  const dead: AuditEvidence[] = checked
    .filter(({ res }) => statusOf(res) !== 200)
    .map(({ link, res }) => ({
      url: link,
      detail: describeGet(res),
      element: `listed in ${fileUrl}`,
    }));
  if (dead.length) {
    add({
      code: "llms-txt-dead-links",
      severity: "error",
      message: `${dead.length} of ${Math.min(own.length, MAX_LINKS_CHECKED)} llms.txt links checked are dead`,
      fix: "Remove or correct the dead links; every link in llms.txt should answer 200.",
      penalty: Math.min(30, 5 * dead.length),
      evidence: dead,
    });
  }
  if (elsewhere.length > own.length) {
    const origins = [...new Set(elsewhere.map((l) => absoluteOrigin(l)))];
    add({
      code: "llms-txt-other-origin",
      severity: "warning",
      message: `${elsewhere.length} of ${links.length} llms.txt links point to another origin (${origins.slice(0, 3).join(", ")}): not checked`,
      fix: `Link the pages of the site that serves this llms.txt (${origin}); a copy or staging host should rewrite them.`,
      penalty: 10,
      evidence: elsewhere.slice(0, 10).map((l) => ({ url: l, element: `listed in ${fileUrl}` })),
    });
  }
}

function absoluteOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function addFullMissing(add: (f: Omit<AuditFinding, "category">) => void, url: string): void {
  add({
    code: "llms-full-missing",
    severity: "warning",
    message: "no llms-full.txt: agents cannot load the whole documentation in one request",
    fix: "Publish llms-full.txt next to llms.txt with every listed page's markdown (`agentweb publish` writes it).",
    penalty: 10,
    evidence: [{ url, detail: "not found or not text" }],
  });
}

/** The root llms.txt, and the one under the audited path when that is not the root. */
function llmsTxtCandidates(startUrl: string): string[] {
  const start = new URL(startUrl);
  const dir = start.pathname.replace(/[^/]*$/, "");
  const out = [new URL("/llms.txt", start).href];
  if (dir !== "/") out.unshift(new URL(`${dir}llms.txt`, start).href);
  return out;
}

async function markdownVersions(
  input: LlmsTxtInput,
): Promise<{ url: string; ok: boolean; detail: string }[]> {
  // Spread over the sample: a site often has twins for its docs pages but not for its home or blog.
  const step = Math.max(1, input.pages.length / MARKDOWN_PROBES);
  const probes = [
    ...new Set(
      Array.from(
        { length: Math.min(MARKDOWN_PROBES, input.pages.length) },
        (_, i) => input.pages[Math.floor(i * step)]!,
      ),
    ),
  ];
  return Promise.all(
    probes.map(async (page) => {
      const twin = await input.get(mdTwinUrl(page), { accept: "text/markdown, text/plain;q=0.9" });
      if (isMarkdown(twin)) return { url: page, ok: true, detail: `twin ${twin.url}` };
      const negotiated = await input.get(page, { accept: "text/markdown" });
      const ok = isMarkdown(negotiated);
      return {
        url: page,
        ok,
        detail: ok
          ? "Accept: text/markdown honoured"
          : `twin ${describeGet(twin)}; negotiation gave ${(negotiated.ok && negotiated.headers["content-type"]) || "nothing"}`,
      };
    }),
  );
}

function isMarkdown(r: GetResult): boolean {
  if (!r.ok) return false;
  const type = r.media?.type ?? "";
  return (
    r.status === 200 &&
    (type === "text/markdown" || type === "text/plain" || type === "text/x-markdown") &&
    !looksLikeHtml(r.text.slice(0, 2000))
  );
}

function absolute(url: string, base: string): string {
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}
