import type { LlmsTxtFinding } from "../../schemas/llms-txt.js";

/** Text ready for line parsing, plus what was wrong with the bytes (binary, BOM, CRLF). */
export interface DecodedInput {
  text: string;
  binary: boolean;
  findings: LlmsTxtFinding[];
}

/**
 * Turns bytes or text into LF-terminated text. Binary content (NUL bytes or invalid UTF-8) is
 * reported and yields empty text, so the parser never reads garbage as markdown.
 *
 * @example decodeInput("\uFEFF# Title\r\n").text // "# Title\n"
 */
export function decodeInput(input: string | Uint8Array): DecodedInput {
  const findings: LlmsTxtFinding[] = [];
  let text: string;
  if (typeof input === "string") text = input;
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      const message = "the file is not valid UTF-8 text (binary?)";
      return { text: "", binary: true, findings: [{ code: "binary", severity: "error", message }] };
    }
  }
  // A NUL (or many control characters) never appears in a markdown file: an image, an archive.
  let controls = 0;
  for (const ch of text.slice(0, 4096)) {
    const code = ch.charCodeAt(0);
    if (code < 9 || (code > 13 && code < 32)) controls++;
  }
  if (text.includes("\0") || controls > 8) {
    return {
      text: "",
      binary: true,
      findings: [{ code: "binary", severity: "error", message: "the file holds binary data, not text" }],
    };
  }
  if (text.startsWith("\uFEFF")) {
    text = text.slice(1);
    findings.push({
      code: "bom",
      severity: "info",
      line: 1,
      message: "the file starts with a byte-order mark (ignored)",
    });
  }
  if (text.includes("\r")) {
    text = text.replace(/\r\n?/g, "\n");
    findings.push({ code: "crlf", severity: "info", message: "CRLF or CR line endings (read as LF)" });
  }
  return { text, binary: false, findings };
}

/**
 * True when the text is an HTML document (a server answering /llms.txt with its 404 page or an SPA shell).
 *
 * @example looksLikeHtml("<!DOCTYPE html><html>…") // true
 */
export function looksLikeHtml(text: string): boolean {
  const head = text.trimStart().slice(0, 1024).toLowerCase();
  return (
    /^<(!doctype html|html[\s>]|head[\s>]|body[\s>]|\?xml[^>]*>\s*<html)/.test(head) ||
    /<html[\s>][\s\S]*<(head|body)[\s>]/.test(head)
  );
}
