/**
 * HTML tables → GFM tables, for every data table, including the ones turndown-plugin-gfm would
 * leave as raw HTML (no header row) or mangle (colspan/rowspan, nested tables). Cells are emitted
 * with private-use markers that carry their spans; the table rule then builds a grid (rowspans
 * repeat their text so every row stays self-contained) and prints it. A nested table is flattened
 * into its cell ("a, b; c, d"): data kept, never dropped. A list laid out as a table (one value per
 * cell, no header) becomes a bullet list. Layout tables (one column, presentation role, headings or
 * long prose in cells) render as ordinary blocks.
 */
import { shieldLongWhitespace, unshieldWhitespace } from "./long-whitespace.js";

const CELL_START = "\uFDD0";
const CELL_END = "\uFDD1";
const ROW_START = "\uFDD2";
const ROW_END = "\uFDD3";
const SPAN_SEP = "\uFDD4";

const layoutCache = new WeakMap<Element, boolean>();
const listCache = new WeakMap<Element, boolean>();

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    const name = child.nodeName.toUpperCase();
    if (name === "TR") rows.push(child);
    else if (name === "THEAD" || name === "TBODY" || name === "TFOOT") {
      for (const tr of child.children) if (tr.nodeName.toUpperCase() === "TR") rows.push(tr);
    }
  }
  return rows;
}

function cellsOf(row: Element): Element[] {
  return [...row.children].filter((c) => /^T[DH]$/i.test(c.nodeName));
}

/**
 * The nearest enclosing `<table>` of a node (its own table for a cell or row).
 *
 * @example closestTable(td)?.nodeName // "TABLE"
 */
export function closestTable(node: Node): Element | undefined {
  for (let cur = node.parentNode; cur; cur = cur.parentNode) {
    if (cur.nodeName.toUpperCase() === "TABLE") return cur as Element;
  }
  return undefined;
}

/** Block content that makes a cell more than one list value. */
const BLOCK_IN_CELL = "p, div, ul, ol, dl, table, pre, blockquote, h1, h2, h3, h4, h5, h6";

/**
 * True when a table is a list laid out as a table: no header cells, and every non-empty cell one
 * short inline value, in a single column or (DocBook's `simplelist`, which pads its grid with empty
 * cells) in a `simplelist` grid. GFM has no header-less table, so such a table becomes a bullet
 * list, one item per cell in row order.
 *
 * @example isListTable(<table class="simplelist"><tr><td>true</td></tr><tr><td>yes</td></tr></table>) // true
 */
export function isListTable(table: Element): boolean {
  const cached = listCache.get(table);
  if (cached !== undefined) return cached;
  const rows = rowsOf(table);
  const width = Math.max(0, ...rows.map((r) => cellsOf(r).length));
  const simplelist = (table.getAttribute("class") ?? "").split(/\s+/).includes("simplelist");
  let list =
    (simplelist || (width === 1 && rows.length >= 2)) &&
    closestTable(table) === undefined &&
    !table.querySelector("th, thead");
  let items = 0;
  const blocky = list ? cellsHolding(table, BLOCK_IN_CELL) : new Set<Element>();
  for (const row of list ? rows : []) {
    for (const cell of cellsOf(row)) {
      const text = (cell.textContent ?? "").trim();
      if (!text) continue;
      items++;
      if (text.length > 200 || blocky.has(cell)) list = false;
    }
  }
  list &&= items >= 2;
  listCache.set(table, list);
  return list;
}

/**
 * The bullet list of a list table, from its cells rendered as blocks.
 *
 * @example listTableMarkdown("\n\n`true`\n\n`yes`\n\n") // "\n\n- `true`\n- `yes`\n\n"
 */
export function listTableMarkdown(content: string): string {
  const items = content
    .split(/\n{2,}/)
    .map((item) => joinLines(item).trim())
    .filter(Boolean);
  return `\n\n${items.map((item) => `- ${item}`).join("\n")}\n\n`;
}

/** `\s*\n\s*` → " " by index: the regex rescans every whitespace run that holds no newline. */
function joinLines(text: string): string {
  if (!text.includes("\n")) return text;
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (!/\s/.test(text[i]!)) {
      out += text[i++];
      continue;
    }
    let j = i;
    while (j < text.length && /\s/.test(text[j]!)) j++;
    const run = text.slice(i, j);
    out += run.includes("\n") ? " " : run;
    i = j;
  }
  return out;
}

/**
 * The cells of `table` (and of tables nested in it) that hold an element matching `selector`: one
 * query for the whole table, where a query per cell compiled the selector once per cell.
 */
function cellsHolding(table: Element, selector: string): Set<Element> {
  const cells = new Set<Element>();
  for (const el of table.querySelectorAll(selector)) {
    for (let cur = el.parentElement; cur && cur !== table; cur = cur.parentElement) {
      if (cur.nodeName.toUpperCase() === "TD" || cur.nodeName.toUpperCase() === "TH") cells.add(cur);
    }
  }
  return cells;
}

/**
 * True when a table holds data (rendered as a GFM table) rather than page layout.
 *
 * @example isDataTable(<table><tr><th>a</th><th>b</th></tr></table>) // true
 */
export function isDataTable(table: Element): boolean {
  const cached = layoutCache.get(table);
  if (cached !== undefined) return cached;
  const role = (table.getAttribute("role") ?? "").toLowerCase();
  const rows = rowsOf(table);
  const width = Math.max(0, ...rows.map((r) => cellsOf(r).length));
  let data =
    role !== "presentation" && role !== "none" && rows.length > 0 && width >= 2 && !isListTable(table);
  if (data) {
    const withHeading = cellsHolding(table, "h1, h2, h3, h4, h5, h6");
    for (const row of rows) {
      for (const cell of cellsOf(row)) {
        if (withHeading.has(cell) || (cell.textContent ?? "").length > 1500) data = false;
      }
    }
  }
  if (data && width <= 2 && table.querySelector("td table, th table")) data = false;
  layoutCache.set(table, data);
  return data;
}

function inlineCell(content: string): string {
  // Whole lines and runs here: a code block's shielded newlines become <br> like the others.
  return shieldLongWhitespace(inlineCellText(unshieldWhitespace(content)));
}

function inlineCellText(content: string): string {
  return content
    .replace(/(`{3,})[^\n]*\n([\s\S]*?)\n\1/g, (_m, _f, code: string) =>
      code
        .split("\n")
        .map((line) => (line.trim() ? `\`${line.replace(/`/g, "'")}\`` : ""))
        .filter(Boolean)
        .join("<br>"),
    )
    .trim()
    .replace(/\n+/g, "<br>")
    .replace(/(?<!\\)\|/g, "\\|");
}

/**
 * A data-table cell: its inline markdown between markers that carry colspan/rowspan.
 *
 * @example tableCellMarkdown("a", td) // "\uFDD01,1\uFDD4a\uFDD1"
 */
export function tableCellMarkdown(content: string, cell: Element): string {
  const span = (name: string, max: number): number => {
    const n = Number.parseInt(cell.getAttribute(name) ?? "1", 10);
    return Number.isFinite(n) && n > 1 ? Math.min(n, max) : 1;
  };
  return `${CELL_START}${span("colspan", 50)},${span("rowspan", 200)}${SPAN_SEP}${inlineCell(content)}${CELL_END}`;
}

/**
 * A data-table row: its cells between row markers.
 *
 * @example tableRowMarkdown("\uFDD0…\uFDD1") // "\uFDD2\uFDD0…\uFDD1\uFDD3"
 */
export function tableRowMarkdown(content: string): string {
  return `${ROW_START}${content}${ROW_END}`;
}

function parseGrid(content: string): string[][] {
  const grid: string[][] = [];
  const rows = [...content.matchAll(/\uFDD2([\s\S]*?)\uFDD3/g)];
  rows.forEach((rowMatch, r) => {
    if (!grid[r]) grid[r] = [];
    let col = 0;
    for (const cellMatch of rowMatch[1]!.matchAll(/\uFDD0(\d+),(\d+)\uFDD4([\s\S]*?)\uFDD1/g)) {
      const colspan = Number(cellMatch[1]);
      const rowspan = Math.min(Number(cellMatch[2]), rows.length - r);
      const text = cellMatch[3]!;
      while (grid[r]![col] !== undefined) col++;
      for (let dr = 0; dr < rowspan; dr++) {
        if (!grid[r + dr]) grid[r + dr] = [];
        const target = grid[r + dr]!;
        for (let dc = 0; dc < colspan; dc++) target[col + dc] = dc === 0 ? text : "";
      }
      col += colspan;
    }
  });
  return grid;
}

/**
 * A whole data table: a GFM table (first row as header), or a flattened line when nested in a cell.
 *
 * @example tableMarkdown(rowsContent, table) // "| a | b |\n| --- | --- |\n| 1 | 2 |"
 */
export function tableMarkdown(content: string, table: Element): string {
  const grid = parseGrid(content);
  if (grid.length === 0) return "";
  const width = Math.max(...grid.map((r) => r.length));
  const rows = grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
  const nested = closestTable(table) !== undefined;
  if (nested) {
    return rows
      .map((r) => r.filter(Boolean).join(", "))
      .filter(Boolean)
      .join("; ");
  }
  const captionEl = [...table.children].find((c) => c.nodeName.toUpperCase() === "CAPTION");
  const caption = (captionEl?.textContent ?? "").replace(/\s+/g, " ").trim();
  // Trailing spaces of a cell off by index (`/ {2,}\|/` retried from every space of a long run).
  const line = (cells: string[]): string => {
    let out = "|";
    for (const cell of cells) {
      let end = cell.length;
      while (end > 0 && cell[end - 1] === " ") end--;
      out += end > 0 ? ` ${cell.slice(0, end)} |` : " |";
    }
    return out;
  };
  const [header, ...body] = rows;
  const out = [line(header!), line(header!.map(() => "---")), ...body.map(line)].join("\n");
  return `\n\n${caption ? `${caption}\n\n` : ""}${out}\n\n`;
}

/**
 * Removes leftover table markers (a cell outside any table in broken markup).
 *
 * @example stripTableMarkers("\uFDD0a\uFDD1") // "a"
 */
export function stripTableMarkers(text: string): string {
  return text.replace(/\uFDD0\d+,\d+\uFDD4/g, "").replace(/[\uFDD0-\uFDD4]/g, "");
}
