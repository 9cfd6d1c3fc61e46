import type { LlmsTxt, LlmsTxtFinding, LlmsTxtSection } from "../../schemas/llms-txt.js";
import { decodeInput, looksLikeHtml } from "./decode-input.js";
import { readLinkLine } from "./link-line.js";

/** A parse result: the structure (title "" when there is none) and every deviation found. */
export interface ParsedLlmsTxt {
  llmsTxt: LlmsTxt;
  findings: LlmsTxtFinding[];
}

const H1 = /^#(?!#)\s*(.*?)\s*#*\s*$/;
const H2 = /^##(?!#)\s*(.*?)\s*#*\s*$/;
const DEEPER_HEADING = /^#{3,6}(\s|$)/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const BLOCKQUOTE = /^\s{0,3}>\s?(.*)$/;

/**
 * Parses an llms.txt file. On a well-formed file the result matches the reference parser
 * (llms_txt.parse_llms_file): title from the H1, summary from the blockquote right after it, the
 * text between as info, sections split at H2, `Optional` by exact name, `-[t](u)` accepted. Real
 * files get the same structure where one can be read, and every deviation becomes a finding.
 * Never throws.
 *
 * @example
 * const { llmsTxt, findings } = parseLlmsTxt("# Proj\n\n> Summary\n\n## Docs\n\n- [A](https://x.dev/a.md): notes\n");
 * llmsTxt.sections[0].links[0] // { title: "A", url: "https://x.dev/a.md", notes: "notes", line: 7 }
 */
export function parseLlmsTxt(input: string | Uint8Array): ParsedLlmsTxt {
  const decoded = decodeInput(input);
  const findings = [...decoded.findings];
  const empty: LlmsTxt = { title: "", sections: [] };
  if (decoded.binary) return { llmsTxt: empty, findings };
  const { text } = decoded;
  if (text.trim() === "") {
    findings.push({ code: "empty", severity: "error", message: "the file is empty" });
    return { llmsTxt: empty, findings };
  }
  if (/^<project[\s>]/m.test(text.slice(0, 4096))) {
    findings.push({
      code: "ctx-file",
      severity: "error",
      line: 1,
      message: "an llms-ctx context file (<project>…), not an llms.txt",
    });
    return { llmsTxt: empty, findings };
  }
  if (looksLikeHtml(text)) {
    findings.push({
      code: "html",
      severity: "error",
      line: 1,
      message: "the file is an HTML page, not markdown",
    });
    return { llmsTxt: empty, findings };
  }
  try {
    return parseLines(text.split("\n"), findings);
  } catch (err) {
    // A bug here must not crash a crawl or a validation run: report it as a finding.
    findings.push({
      code: "parser-error",
      severity: "error",
      message: `could not parse: ${(err as Error).message}`,
    });
    return { llmsTxt: empty, findings };
  }
}

function parseLines(lines: string[], findings: LlmsTxtFinding[]): ParsedLlmsTxt {
  const add = (
    severity: LlmsTxtFinding["severity"],
    code: string,
    line: number | undefined,
    message: string,
  ) => findings.push({ code, severity, ...(line ? { line } : {}), message });
  let title: string | undefined;
  const summaryLines: string[] = [];
  const infoLines: string[] = [];
  const sections: LlmsTxtSection[] = [];
  let section: LlmsTxtSection | undefined;
  let fence: string | undefined;
  let summaryState: "before" | "in" | "done" = "before";
  let proseReported = false;
  let linkOutsideReported = false;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const n = i + 1;
    // Inside a code fence nothing is a heading or a link.
    if (fence) {
      if (raw.trim().startsWith(fence)) fence = undefined;
      if (!section) infoLines.push(raw);
      continue;
    }
    const fenceOpen = FENCE.exec(raw);
    if (fenceOpen) {
      fence = fenceOpen[1]!.slice(0, 3);
      if (section)
        add("warning", "code-in-section", n, `a code block inside section "${section.name}" (ignored)`);
      else if (title !== undefined) {
        summaryState = "done";
        infoLines.push(raw);
      } else add("warning", "content-before-title", n, "a code block before the H1 title");
      continue;
    }
    const h2 = H2.exec(raw);
    if (h2) {
      const name = h2[1]!;
      if (!name) add("warning", "empty-section-name", n, "an H2 with no name");
      const optional = name.toLowerCase() === "optional";
      if (optional && name !== "Optional") {
        add(
          "warning",
          "optional-case",
          n,
          `"## ${name}" read as the Optional section (the proposal spells it "Optional")`,
        );
      }
      section = { name, optional, links: [], line: n };
      sections.push(section);
      proseReported = false;
      continue;
    }
    const h1 = H1.exec(raw);
    if (h1 && raw.startsWith("#")) {
      if (title === undefined && !section) {
        title = h1[1]!;
        if (!title) add("error", "empty-title", n, "the H1 has no text");
      } else add("warning", "multiple-h1", n, `another H1 ("${h1[1]}") after the title (ignored)`);
      continue;
    }
    if (!section) {
      if (title === undefined) {
        if (raw.trim()) add("warning", "content-before-title", n, "text before the H1 title (ignored)");
        continue;
      }
      const quote = BLOCKQUOTE.exec(raw);
      if (summaryState === "before" && raw.trim() === "") continue;
      if (summaryState === "before" && quote) {
        summaryState = "in";
        summaryLines.push(quote[1]!.trim());
        continue;
      }
      if (summaryState === "in" && quote && raw.trim() !== ">") {
        summaryLines.push(quote[1]!.trim());
        if (summaryLines.length === 2)
          add("info", "multiline-summary", n, "the summary blockquote spans several lines (joined)");
        continue;
      }
      if (summaryState === "before" && raw.trim())
        add("info", "no-summary", n, "no blockquote summary right after the H1");
      if (!linkOutsideReported && readLinkLine(raw).kind === "link") {
        add(
          "warning",
          "links-outside-section",
          n,
          "links before any H2 section (read as prose: put them under an H2)",
        );
        linkOutsideReported = true;
      }
      summaryState = "done";
      infoLines.push(raw);
      continue;
    }
    if (DEEPER_HEADING.test(raw)) {
      add(
        "info",
        "subheading-in-section",
        n,
        `a sub-heading inside section "${section.name}" (its links stay in the section)`,
      );
      continue;
    }
    if (raw.trim() === "") continue;
    const link = readLinkLine(raw);
    if (link.kind === "link") {
      if (link.unbracketed)
        add("warning", "unbracketed-link", n, "a link written as Title(url), without [brackets]");
      if (link.bullet !== "-")
        add("warning", "bullet-style", n, `a "${link.bullet}" bullet (the proposal uses "-")`);
      if (/^\s/.test(raw)) add("info", "nested-link", n, "an indented (nested) list item");
      if (!link.title) add("error", "empty-link-title", n, "a link with an empty title");
      checkUrl(link.url, n, add);
      if (link.separator === "none")
        add("warning", "notes-separator", n, 'notes after a link without the ":" separator');
      if (link.separator === "other")
        add("warning", "notes-separator", n, 'notes after a link separated by a dash instead of ":"');
      if (link.notes && /<[A-Za-z][\w.-]*[\s/>]|=\{|\{\[/.test(link.notes)) {
        add("warning", "notes-markup", n, "the link's notes hold HTML or JSX markup, not a description");
      } else if (link.notes && /(\.\.\.|…)$/.test(link.notes)) {
        add("info", "notes-truncated", n, "the link's notes are cut off");
      }
      section.links.push({
        title: link.title,
        url: link.url,
        ...(link.notes ? { notes: link.notes } : {}),
        line: n,
      });
      continue;
    }
    if (link.kind === "malformed") {
      add("error", "malformed-link", n, `a malformed link line: ${link.reason}`);
      continue;
    }
    if (/^\s*[-*+]\s/.test(raw))
      add("warning", "bullet-without-link", n, "a list item without a [title](url) link (ignored)");
    else if (!proseReported) {
      add("warning", "prose-in-section", n, `prose inside section "${section.name}" (ignored)`);
      proseReported = true;
    }
  }

  if (fence) add("warning", "unclosed-code-block", undefined, "a code block is never closed");
  if (title === undefined)
    add("error", "missing-title", undefined, "no H1 title (the one required part of llms.txt)");
  for (const s of sections) {
    if (s.links.length === 0) add("warning", "empty-section", s.line, `section "${s.name}" has no links`);
  }
  findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const summary = summaryLines.join(" ").trim();
  const info = infoLines.join("\n").trim();
  return {
    llmsTxt: { title: title ?? "", ...(summary ? { summary } : {}), ...(info ? { info } : {}), sections },
    findings,
  };
}

function checkUrl(
  url: string,
  line: number,
  add: (severity: LlmsTxtFinding["severity"], code: string, line: number, message: string) => void,
): void {
  if (!url) return void add("error", "empty-url", line, "a link with an empty URL");
  if (/\s/.test(url)) return void add("error", "invalid-url", line, `a URL with spaces: ${url}`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
        add("warning", "non-http-url", line, `a ${parsed.protocol} link (agents fetch http(s))`);
      }
    } catch {
      add("error", "invalid-url", line, `not a valid URL: ${url}`);
    }
    return;
  }
  if (url.startsWith("#"))
    return void add("warning", "anchor-link", line, `a link to an anchor (${url}), not to a document`);
  add("warning", "relative-url", line, `a relative URL (${url}): resolved against the file's own URL`);
}
