/**
 * Structure and metadata, page by page: a table of rules, each with the share-scaled penalty it
 * takes off the category when every sampled page fails it. Pure: broken internal links arrive as
 * statuses the runner already fetched.
 */
import type { AuditEvidence, AuditFinding, AuditSeverity } from "../../schemas/audit.js";
import type { PageFacts } from "./page-facts.js";

interface Rule {
  code: string;
  severity: AuditSeverity;
  /** Penalty when every sampled page fails; scaled by the share that does. */
  penalty: number;
  message: string;
  fix: string;
  /** Evidence for a failing page, undefined when the page passes. */
  test(p: PageFacts): Omit<AuditEvidence, "url"> | undefined;
}

const SLOW_MS = 1500;
const HEAVY_BYTES = 1_000_000;

const RULES: Rule[] = [
  {
    code: "title-missing",
    severity: "error",
    penalty: 15,
    message: "pages without a <title>",
    fix: "Give every page a unique, descriptive <title>.",
    test: (p) => (p.title ? undefined : { element: "<title>", detail: "missing or empty" }),
  },
  {
    code: "description-missing",
    severity: "warning",
    penalty: 10,
    message: "pages without a meta description",
    fix: 'Add <meta name="description" content="…"> summarising the page in one sentence: llms.txt generators and search agents quote it.',
    test: (p) => (p.description ? undefined : { element: '<meta name="description">', detail: "missing" }),
  },
  {
    code: "h1-count",
    severity: "warning",
    penalty: 10,
    message: "pages without exactly one <h1>",
    fix: "Use one <h1> per page for its topic; sections start at <h2>.",
    test: (p) => (p.h1 === 1 ? undefined : { element: "<h1>", detail: `${p.h1} found` }),
  },
  {
    code: "heading-skip",
    severity: "info",
    penalty: 5,
    message: "pages whose headings skip a level (e.g. h2 → h4)",
    fix: "Nest headings one level at a time so chunkers and outlines follow the structure.",
    test: (p) => {
      const i = p.headingLevels.findIndex((l, k) => k > 0 && l > p.headingLevels[k - 1]! + 1);
      return i < 0
        ? undefined
        : { element: `<h${p.headingLevels[i]}>`, detail: `after <h${p.headingLevels[i - 1]}>` };
    },
  },
  {
    code: "no-main-landmark",
    severity: "warning",
    penalty: 10,
    message: "pages without a <main> or <article> landmark",
    fix: "Wrap the page's content in <main> (or <article>) so extractors tell content from chrome.",
    test: (p) =>
      p.hasMainLandmark ? undefined : { element: "<main>", detail: "no main/article/[role=main]" },
  },
  {
    code: "lang-missing",
    severity: "warning",
    penalty: 10,
    message: "pages without a lang attribute",
    fix: 'Declare the language: <html lang="en">.',
    test: (p) => (p.lang ? undefined : { element: "<html lang>", detail: "missing" }),
  },
  {
    code: "canonical-missing",
    severity: "info",
    penalty: 5,
    message: "pages without a canonical link",
    fix: 'Add <link rel="canonical" href="…"> so agents cite one URL per page.',
    test: (p) => (p.canonical ? undefined : { element: '<link rel="canonical">', detail: "missing" }),
  },
  {
    code: "structured-data-missing",
    severity: "info",
    penalty: 5,
    message: "pages without JSON-LD structured data",
    fix: 'Describe pages with JSON-LD (<script type="application/ld+json">: TechArticle, BreadcrumbList).',
    test: (p) => (p.jsonLdTypes.length ? undefined : { element: "application/ld+json", detail: "none" }),
  },
  {
    code: "img-missing-alt",
    severity: "warning",
    penalty: 15,
    message: "pages with images lacking alt text",
    fix: 'Give every content image an alt text describing it (alt="" for decorative ones).',
    test: (p) =>
      p.imagesWithoutAlt.length
        ? {
            element: p.imagesWithoutAlt[0],
            detail: `${p.imagesWithoutAlt.length} of ${p.images} images without alt`,
          }
        : undefined,
  },
  {
    code: "slow-response",
    severity: "info",
    penalty: 5,
    message: `pages slower than ${SLOW_MS} ms to load`,
    fix: "Cache or pre-render slow pages: agents fetch with short timeouts.",
    test: (p) => (p.ms > SLOW_MS ? { detail: `${p.ms} ms` } : undefined),
  },
  {
    code: "heavy-html",
    severity: "info",
    penalty: 5,
    message: `pages over ${HEAVY_BYTES / 1_000_000} MB of HTML`,
    fix: "Move inline data, scripts and styles out of the HTML document.",
    test: (p) => (p.bytes > HEAVY_BYTES ? { detail: `${p.bytes} bytes` } : undefined),
  },
];

/**
 * @example const findings = checkStructure(pages, new Map([["https://x.dev/gone", 404]]));
 */
export function checkStructure(
  pages: PageFacts[],
  linkStatus: Map<string, { status: number; from: string }>,
): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const html = pages.filter((p) => p.html);
  if (html.length) {
    for (const rule of RULES) {
      const failing = html.flatMap((p) => {
        const e = rule.test(p);
        return e ? [{ url: p.url, ...e }] : [];
      });
      if (!failing.length) continue;
      findings.push({
        category: "structure",
        code: rule.code,
        severity: rule.severity,
        message: `${failing.length} of ${html.length} ${rule.message}`,
        fix: rule.fix,
        penalty: Math.round(rule.penalty * (failing.length / html.length) * 10) / 10,
        evidence: failing,
      });
    }
  }
  const broken = [...linkStatus].filter(([, s]) => s.status !== 200);
  const failedPages = pages.filter((p) => p.status !== 200);
  if (broken.length || failedPages.length) {
    const checked = linkStatus.size + pages.length;
    findings.push({
      category: "structure",
      code: "broken-internal-link",
      severity: "error",
      message: `${broken.length + failedPages.length} of ${checked} internal URLs checked do not answer 200`,
      fix: "Fix or remove links to pages that are gone; redirect moved pages with 301.",
      penalty: Math.min(20, Math.round(40 * ((broken.length + failedPages.length) / checked))),
      evidence: [
        ...failedPages.map((p) => ({ url: p.url, detail: p.error ?? `HTTP ${p.status}` })),
        ...broken.map(([url, s]) => ({ url, detail: `HTTP ${s.status}, linked from ${s.from}` })),
      ],
    });
  }
  return findings;
}
