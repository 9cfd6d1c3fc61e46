import { escapeHtml } from "../ops/present.js";

/**
 * The readable API page at /v1/docs: one self-contained HTML document (no scripts, no external
 * assets) rendered from the OpenAPI document, so it can never drift from the routes.
 *
 * @example const html = renderDocsPage(buildOpenApi(registry, { version }));
 */
export function renderDocsPage(doc: Record<string, unknown>): string {
  const info = doc.info as { title: string; version: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const sections: string[] = [];
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) sections.push(renderOperation(method, path, op));
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)} ${escapeHtml(info.version)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{margin-bottom:0}code,pre{font:13px ui-monospace,monospace;background:#f4f4f4;border-radius:4px}
pre{padding:.6rem;overflow:auto}section{border-top:1px solid #ddd;padding:.5rem 0 1rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700;text-transform:uppercase}
.a{font-size:12px;padding:1px 6px;border-radius:8px;background:#e8eefc;margin-left:.5rem}
table{border-collapse:collapse;width:100%;font-size:14px}td,th{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
</style></head><body>
<h1>${escapeHtml(info.title)}</h1><p>version ${escapeHtml(info.version)} · <a href="/openapi.json">OpenAPI 3.1</a></p>
<p>${escapeHtml(info.description)}</p>
<p>Authentication: <code>Authorization: Bearer KEY</code> (or <code>X-API-Key</code>). Keys have the scope
<b>read</b> (search, context, pages, sites, MCP read tools) or <b>admin</b> (also crawls, deletes, <code>fresh=1</code>, audits and reading other sites' llms.txt).
With no keys configured the server is local-only and open. MCP (streamable HTTP) is at <code>/mcp</code>.</p>
${sections.join("\n")}
</body></html>
`;
}

interface Operation {
  summary: string;
  description?: string;
  "x-access": string;
  parameters?: {
    name: string;
    in: string;
    required: boolean;
    description?: string;
    schema: Record<string, unknown>;
  }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
}

function renderOperation(method: string, path: string, op: Operation): string {
  const params = op.parameters ?? [];
  const table = params.length
    ? `<table><tr><th>parameter</th><th>in</th><th>type</th><th>description</th></tr>${params
        .map(
          (p) =>
            `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? " *" : ""}</td><td>${p.in}</td><td>${escapeHtml(typeOf(p.schema))}</td><td>${escapeHtml(p.description ?? "")}</td></tr>`,
        )
        .join("")}</table>`
    : "";
  const body = op.requestBody?.content["application/json"]?.schema;
  return `<section id="${escapeHtml(`${method}-${path}`)}"><h3><span class="m">${method}</span><code>${escapeHtml(path)}</code><span class="a">${escapeHtml(op["x-access"] ?? "")}</span></h3>
<p>${escapeHtml(op.summary)}${op.description ? `. ${escapeHtml(op.description)}` : ""}</p>${table}${body ? `<p>JSON body:</p><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre>` : ""}</section>`;
}

function typeOf(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return schema.enum.join(" | ");
  const t = schema.type ?? (schema.anyOf ? "any of" : "");
  const range = [
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : "",
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const def = schema.default !== undefined ? ` (default ${JSON.stringify(schema.default)})` : "";
  return `${String(t)}${range ? ` ${range}` : ""}${def}`;
}
