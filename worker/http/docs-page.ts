// A readable, dependency-free HTML page for the OpenAPI document, so the API docs
// work offline and load no third-party script.

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string; enum?: unknown[] };
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { description?: string }>;
}
interface Document {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}

const escapeHtml = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function operationHtml(path: string, method: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map(
      (p) => `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td>
    <td>${p.required ? 'yes' : ''}</td><td>${escapeHtml(p.schema?.enum ? p.schema.enum.join(' | ') : p.schema?.type)}</td>
    <td>${escapeHtml(p.description)}</td></tr>`,
    )
    .join('');
  const body = op.requestBody?.content
    ? `<p>Body: ${Object.keys(op.requestBody.content)
        .map((t) => `<code>${escapeHtml(t)}</code>`)
        .join(', ')}</p>`
    : '';
  const responses = Object.entries(op.responses ?? {})
    .map(([code, r]) => `<li><code>${escapeHtml(code)}</code> ${escapeHtml(r.description)}</li>`)
    .join('');
  return `<section><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
    <p>${escapeHtml(op.summary)}</p>${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
    ${params ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Type</th><th>About</th></tr></thead><tbody>${params}</tbody></table>` : ''}
    ${body}<ul>${responses}</ul></section>`;
}

/** The page; `styleNonce` lets its one style element pass the API's Content-Security-Policy. */
export function docsPage(doc: Document, specUrl: string, styleNonce: string): string {
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => operationHtml(path, m, item[m]!)),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(doc.info.title)} API</title>
<style nonce="${escapeHtml(styleNonce)}">body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem;color:#1a1a1a}
code{background:#f2f2f2;padding:0 .25em;border-radius:3px}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
section{border-top:1px solid #ddd;margin-top:1.5rem}.m{font-size:.8em;padding:.1em .4em;border-radius:3px;color:#fff;background:#2a6}
.m.post{background:#26a}.m.patch{background:#a62}.m.delete{background:#a22}</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1><p>${escapeHtml(doc.info.description)}</p>
<p>Machine-readable: <a href="${escapeHtml(specUrl)}">${escapeHtml(specUrl)}</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> (RFC 9457).</p>
${ops.join('\n')}</body></html>`;
}
