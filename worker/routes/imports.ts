// Bulk import of sites from CSV, and the template to fill in.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { maxBody } from '../auth/body-limit';
import { requireUser, type UserEnv } from '../auth/middleware';
import { ImportConflict, allStreets, applyImport, planImport } from '../db/site-imports';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';
import { COLUMNS } from '../import/columns';
import { decodeCsv } from '../import/decode';
import { MAX_ROWS, parseSiteRows, type RowError } from '../import/rows';
import { templateCsv } from '../import/site-csv';

const MAX_BYTES = 10 * 1024 * 1024;

const ImportResult = z.object({
  dry_run: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  encoding: z.enum(['utf-8', 'gbk']),
}).openapi('ImportResult');

const columnDocs = COLUMNS.map((c) => `\`${c.key}\` / \`${c.zh}\` — ${c.about}`).join('; ');

/** The uploaded file's bytes: a `text/csv` body or the `file` part of a multipart form. */
async function uploadedBytes(c: Context<UserEnv>): Promise<Uint8Array> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.formData().catch(() => {
      throw new ProblemError(400, { detail: 'The multipart body cannot be read' });
    });
    const file = form.get('file');
    if (!file || typeof file === 'string') {
      throw new ProblemError(400, {
        detail: 'The form has no file part named "file"',
        invalid_params: [{ name: 'file', in: 'body', reason: 'required: the CSV file' }],
      });
    }
    return new Uint8Array(await file.arrayBuffer());
  }
  if (type.startsWith('text/csv') || type.startsWith('text/plain') || type.startsWith('application/csv')) {
    return new Uint8Array(await c.req.arrayBuffer());
  }
  throw new ProblemError(415, {
    detail: 'Send the CSV as a text/csv body or as the "file" part of multipart/form-data',
    invalid_params: [{ name: 'content-type', in: 'header', reason: 'must be text/csv or multipart/form-data' }],
  });
}

const rejected = (errors: RowError[], rows: number, outside: boolean) => new ProblemError(outside ? 403 : 422, {
  detail: `${errors.length} problem(s) in the file${outside ? ', some rows outside your streets' : ''}; nothing was imported`,
  rows,
  errors,
});

export const imports = router<UserEnv>()
  .openapi(createRoute({
    method: 'post', path: '/', tags: ['console'], summary: 'Import sites from a CSV file (all rows or none)',
    description: `UTF-8 (with or without BOM) or GBK; headers in English or Chinese: ${columnDocs}. `
      + 'Lists separate items with ; , 、 or ；. Rows are matched to existing sites by external_id or, without it, '
      + `by street_code + name (stored as external_id \`auto:<street_code>:<name>\`). At most ${MAX_ROWS} rows. `
      + 'Send the file as a text/csv body or as the `file` part of multipart/form-data.',
    middleware: [requireUser(), maxBody(MAX_BYTES)] as const,
    request: {
      query: z.object({
        dry_run: z.enum(['true', 'false']).optional().openapi({ param: { name: 'dry_run', in: 'query' }, description: 'Check only; write nothing' }),
        confirm_far: z.enum(['true', 'false']).optional().openapi({
          param: { name: 'confirm_far', in: 'query' }, description: 'Accept rows placed far from the other sites of their district',
        }),
      }),
      body: { content: { 'text/csv': { schema: z.string() } }, required: false },
    },
    responses: {
      200: jsonResponse(ImportResult, 'Imported (or, with dry_run, would import) this many rows'),
      401: problemResponse('Not logged in'),
      403: problemResponse('Rows for streets outside yours (listed in `errors`), or Origin missing/foreign; nothing was written'),
      409: problemResponse('Sites changed while importing; nothing was written, try again'),
      413: problemResponse('File too large'),
      415: problemResponse('Neither text/csv nor multipart/form-data'),
      422: problemResponse('Problems in the file, listed in `errors` by row and column; nothing was written'),
    },
  }), async (c) => {
    const query = c.req.valid('query');
    const dryRun = query.dry_run === 'true';
    const { text, encoding } = decodeCsv(await uploadedBytes(c));
    const { rows, errors, headers } = parseSiteRows(text);
    const streets = await allStreets(c.env.DB);
    const plan = await planImport(c.env.DB, c.var.user, rows, headers, streets, query.confirm_far === 'true');
    const all = [...errors, ...plan.errors].sort((a, b) => a.row - b.row);
    const total = rows.length + new Set(errors.filter((e) => e.row > 1).map((e) => e.row)).size;
    if (all.length) throw rejected(all, total, plan.outside);
    if (!dryRun) {
      try {
        await applyImport(c.env.DB, c.var.user.username, plan, streets);
      } catch (err) {
        if (err instanceof ImportConflict) throw new ProblemError(409, { detail: 'Sites changed while importing; nothing was written, try again' });
        throw err;
      }
    }
    return c.json({
      dry_run: dryRun, rows: rows.length, created: plan.creates.length, updated: plan.updates.length,
      unchanged: plan.unchanged, encoding,
    }, 200);
  })
  .openapi(createRoute({
    method: 'get', path: '/template.csv', tags: ['console'], summary: 'A CSV template to fill in (UTF-8 with BOM)',
    request: {
      query: z.object({
        lang: z.enum(['zh', 'en']).optional().openapi({ param: { name: 'lang', in: 'query' }, description: 'Header language (default zh)' }),
      }),
    },
    responses: { 200: { description: 'The template', content: { 'text/csv': { schema: z.string() } } } },
  }), (c) => c.body(templateCsv(c.req.valid('query').lang ?? 'zh'), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="linli-sites-template.csv"',
  }));
