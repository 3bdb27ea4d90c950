// Bulk import of sites from CSV, and the template to fill in: HTTP only (the upload, the
// problem answers); worker/services/imports.ts does the import.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { maxBody } from '../auth/body-limit';
import { requireUser, type UserEnv } from '../auth/middleware';
import { COLUMNS } from '../core/csv/columns';
import {
  importLang,
  type Lang,
  listProblems,
  MAX_LISTED_PROBLEMS,
  reasonIn,
  rejectedDetail,
} from '../core/csv/problems';
import { MAX_ROWS, type RowError } from '../core/csv/rows';
import { templateCsv } from '../core/csv/site-csv';
import { ROWS_WRITTEN_HEADER } from '../http/headers';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { ImportProblemSchema, jsonResponse, problemResponse } from '../http/schemas';
import { type ImportOutcome, importSites, MAX_LISTED_CHANGES } from '../services/imports';

const MAX_BYTES = 10 * 1024 * 1024;

const FieldChangeSchema = z.object({
  field: z.string().openapi({ description: 'The API field name' }),
  old: z.unknown().openapi({ description: 'The value now (API form)' }),
  new: z.unknown().openapi({ description: 'The value after the import' }),
});

const RowChangeSchema = z
  .object({
    row: z.number().int().openapi({ description: 'The row as a spreadsheet numbers it (the header is row 1)' }),
    action: z.enum(['create', 'update']),
    site_id: z.number().int().nullable(),
    name: z.string(),
    fields: z.array(FieldChangeSchema).openapi({ description: 'For an update, every field that changes (old → new)' }),
  })
  .openapi('ImportRowChange');

const ImportResult = z
  .object({
    dry_run: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    encoding: z.enum(['utf-8', 'gbk']),
    changes: z
      .array(RowChangeSchema)
      .openapi({ description: `What each row creates or changes, in row order (at most ${MAX_LISTED_CHANGES})` }),
    changes_omitted: z.number().int().openapi({ description: 'Rows with changes beyond those listed' }),
    rows_written: z.number().int().openapi({ description: 'Rows D1 wrote (0 for a dry run)' }),
  })
  .openapi('ImportResult');

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

/** A refused import as its problem: 422 (403 for streets not the user's, 409 when sites changed meanwhile). */
function refusedProblem(outcome: Exclude<ImportOutcome, { ok: true }>, lang: Lang): ProblemError {
  switch (outcome.refusal) {
    case 'undecodable': {
      const problem: RowError = { row: outcome.row, column: null, reason: outcome.reason };
      return new ProblemError(422, {
        detail: reasonIn(outcome.reason, lang),
        byte_offset: outcome.byteOffset,
        ...listProblems([problem], lang),
      });
    }
    case 'rejected': {
      const listed = listProblems(outcome.problems, lang);
      return new ProblemError(outcome.outside ? 403 : 422, {
        detail: rejectedDetail(listed.errors_total, listed.errors.length, outcome.outside, lang),
        rows: outcome.rows,
        ...listed,
      });
    }
    case 'conflict':
      return new ProblemError(409, { detail: 'Sites changed while importing; nothing was written, try again' });
  }
}

export const imports = router<UserEnv>()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['console'],
      summary: 'Import sites from a CSV file (all rows or none)',
      description:
        `UTF-8 (with or without BOM) or GBK; headers in English or Chinese: ${columnDocs}. ` +
        'Lists separate items with ; , 、 or ；. Rows are matched to existing sites by external_id or, without it, ' +
        `by street_code + name (stored as external_id \`auto:<street_code>:<name>\`). At most ${MAX_ROWS} rows. ` +
        'Columns the file does not have are left unchanged on existing sites (an empty cell clears an optional field); ' +
        'the status changes only through a status column. A cell starting with an apostrophe before = + - @ (as exports ' +
        'escape formulas) loses the apostrophe. ' +
        `Every problem of every row is found; the first ${MAX_LISTED_PROBLEMS} are listed (\`errors\`), with \`errors_total\`, ` +
        'in the language of `lang` or Accept-Language (default Chinese). A file with a byte-order mark must be valid UTF-8 ' +
        '(422 naming the row and `byte_offset` otherwise). ' +
        'Send the file as a text/csv body or as the `file` part of multipart/form-data.',
      middleware: [requireUser(), maxBody(MAX_BYTES)] as const,
      request: {
        query: z.object({
          dry_run: z
            .enum(['true', 'false'])
            .optional()
            .openapi({ param: { name: 'dry_run', in: 'query' }, description: 'Check only; write nothing' }),
          confirm_far: z
            .enum(['true', 'false'])
            .optional()
            .openapi({
              param: { name: 'confirm_far', in: 'query' },
              description: 'Accept rows placed far from the other sites of their district',
            }),
          lang: z
            .enum(['zh', 'en'])
            .optional()
            .openapi({
              param: { name: 'lang', in: 'query' },
              description: 'Language of the problems listed (default: Accept-Language, else zh)',
            }),
        }),
        body: { content: { 'text/csv': { schema: z.string() } }, required: false },
      },
      responses: {
        200: jsonResponse(ImportResult, 'Imported (or, with dry_run, would import) this many rows'),
        401: problemResponse('Not logged in'),
        403: problemResponse(
          'Rows for streets outside yours (listed in `errors`), or Origin missing/foreign; nothing was written',
          ImportProblemSchema,
        ),
        409: problemResponse('Sites changed while importing; nothing was written, try again'),
        413: problemResponse('File too large'),
        415: problemResponse('Neither text/csv nor multipart/form-data'),
        422: problemResponse(
          'Problems in the file, listed in `errors` by row and column (`errors_total`, `errors_omitted`), or a byte that is not UTF-8 (`byte_offset`); nothing was written',
          ImportProblemSchema,
        ),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const lang = importLang(query.lang, c.req.header('accept-language'));
      const outcome = await importSites(c.env.DB, c.var.user, await uploadedBytes(c), {
        dryRun: query.dry_run === 'true',
        confirmFar: query.confirm_far === 'true',
      });
      if (!outcome.ok) throw refusedProblem(outcome, lang);
      return c.json(outcome.result, 200, { [ROWS_WRITTEN_HEADER]: String(outcome.result.rows_written) });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/template.csv',
      tags: ['console'],
      summary: 'A CSV template to fill in (UTF-8 with BOM)',
      request: {
        query: z.object({
          lang: z
            .enum(['zh', 'en'])
            .optional()
            .openapi({ param: { name: 'lang', in: 'query' }, description: 'Header language (default zh)' }),
        }),
      },
      responses: { 200: { description: 'The template', content: { 'text/csv': { schema: z.string() } } } },
    }),
    (c) =>
      c.body(templateCsv(c.req.valid('query').lang ?? 'zh'), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="linli-sites-template.csv"',
      }),
  );
