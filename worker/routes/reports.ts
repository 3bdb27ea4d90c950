// Public reports ("this place is closed", "wrong hours" …) and the street office's
// queue of them. Reporting needs no account but is limited per client IP.
import { createRoute, z } from '@hono/zod-openapi';
import { maxBody } from '../auth/body-limit';
import { clientOf } from '../auth/client';
import { requireUser, type UserEnv } from '../auth/middleware';
import { tooMany } from '../auth/throttle';
import { outsideStreets } from '../auth/user';
import { SiteIdParam } from '../core/site';
import { decodeCursor, type ReportView, reportQueue, SITE_OPEN_REPORTS_CAP } from '../db/reports';
import { REPORT_CATEGORIES } from '../db/schema/reports';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';
import { fileSiteReport, REPORT_LIMIT, resolveSiteReport } from '../services/reports';

export const NOTE_MAX = 500;

const ReportSchema = z
  .object({
    id: z.number().int(),
    site_id: z.number().int(),
    site_name: z.string(),
    category: z.enum(REPORT_CATEGORIES),
    note: z.string().nullable(),
    created_at: z.string().openapi({ description: 'When the first of the merged reports came in' }),
    count: z
      .number()
      .int()
      .min(1)
      .openapi({ description: 'How many identical reports (same category and note) this one stands for' }),
    last_reported_at: z.string().openapi({ description: 'When the newest of them came in' }),
    status: z.enum(['open', 'resolved']),
    resolved_change_id: z.number().int().nullable(),
  })
  .openapi('Report');

const NewReport = z
  .object({
    category: z.enum(REPORT_CATEGORIES).openapi({ description: 'closed / wrong_place / wrong_hours / other' }),
    note: z
      .string()
      .trim()
      .max(NOTE_MAX, `at most ${NOTE_MAX} characters`)
      .optional()
      .openapi({ description: 'Stored and shown as plain text' }),
  })
  .openapi('NewReport');

const Resolve = z.object({
  change_id: z
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ description: 'The change of this site that fixed what was reported' }),
  note: z.string().trim().max(NOTE_MAX).optional(),
});

const ReportIdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, 'must be a positive integer report id')
    .transform(Number)
    .openapi({ param: { name: 'id', in: 'path' }, example: '1', type: 'string' }),
});

/** The public view: no resolver names or internal notes. */
const publicView = (r: ReportView) => ({
  id: r.id,
  site_id: r.site_id,
  site_name: r.site_name,
  category: r.category,
  note: r.note,
  created_at: r.created_at,
  count: r.count,
  last_reported_at: r.last_reported_at,
  status: r.status,
  resolved_change_id: r.resolved_change_id,
});

const QUEUE_PAGE = { default: 50, max: 200 };

const changeTaken = (changeId: number, reportId: number) =>
  new ProblemError(409, {
    detail: `Change ${changeId} already answers report ${reportId}; pick the change that fixed this report, or none`,
    invalid_params: [{ name: 'change_id', in: 'body', reason: `already answers report ${reportId}` }],
  });

/** POST /api/v1/sites/{id}/reports, mounted with the sites. */
export const siteReports = router().openapi(
  createRoute({
    method: 'post',
    path: '/{id}/reports',
    tags: ['sites'],
    summary: 'Report a problem with a site (no account needed)',
    description:
      `At most ${REPORT_LIMIT.limit} reports per ${REPORT_LIMIT.windowSeconds / 60} min from one client (IPv6: per /64). ` +
      'A report identical to an open one on the site (same category and note) is counted into it (200) instead of ' +
      `filed again (201); a site holds at most ${SITE_OPEN_REPORTS_CAP} distinct open reports (then 429).`,
    middleware: [maxBody(8 * 1024)] as const,
    request: { params: SiteIdParam, body: { content: { 'application/json': { schema: NewReport } }, required: true } },
    responses: {
      200: jsonResponse(ReportSchema, 'Counted into the identical open report'),
      201: jsonResponse(ReportSchema, 'Received; the street office will look at it'),
      400: problemResponse('Invalid category or note, or a body that is not valid UTF-8 JSON'),
      403: problemResponse('Origin missing or foreign'),
      404: problemResponse('No site has this id'),
      413: problemResponse('Body too large'),
      429: problemResponse(
        'Too many reports from this client (see Retry-After), or too many open reports on this site',
      ),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { category, note } = c.req.valid('json');
    const filed = await fileSiteReport(c.env.DB, clientOf(c.req), id, category, note || null);
    if (!filed.ok) {
      switch (filed.refusal) {
        case 'throttled':
          return tooMany(c, filed.retryAfter, `Too many reports; try again in ${Math.ceil(filed.retryAfter / 60)} min`);
        case 'not_found':
          throw new ProblemError(404, { detail: `No site has id ${id}` });
        case 'site_full':
          throw new ProblemError(429, {
            detail: `Site ${id} already has ${SITE_OPEN_REPORTS_CAP} open reports waiting for its street office`,
            reason: 'site_full',
          });
      }
    }
    return c.json(publicView(filed.report), filed.created ? 201 : 200);
  },
);

/** The queue, under /api/v1/reports. */
export const reports = router<UserEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['console'],
      summary: 'Reports on the sites of your streets',
      middleware: [requireUser()] as const,
      request: {
        query: z.object({
          status: z
            .enum(['open', 'resolved', 'all'])
            .optional()
            .openapi({ param: { name: 'status', in: 'query' }, description: 'Default open' }),
          limit: z.coerce
            .number()
            .int()
            .min(1)
            .max(QUEUE_PAGE.max)
            .default(QUEUE_PAGE.default)
            .openapi({
              param: { name: 'limit', in: 'query' },
              description: `Reports per page (default ${QUEUE_PAGE.default})`,
            }),
          cursor: z
            .string()
            .max(200)
            .optional()
            .openapi({
              param: { name: 'cursor', in: 'query' },
              description: 'The `meta.next_cursor` of the previous page',
            }),
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({
            data: z.array(ReportSchema),
            meta: z.object({
              total: z.number().int().openapi({ description: 'Reports matching the query, on all pages' }),
              limit: z.number().int(),
              next_cursor: z
                .string()
                .nullable()
                .openapi({ description: 'Pass as `cursor` for the next page; null on the last' }),
            }),
          }),
          'The most recently reported first (a merged report by its newest report)',
        ),
        400: problemResponse('Malformed parameter'),
        401: problemResponse('Not logged in'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      if (cursor === null) {
        throw new ProblemError(400, {
          detail: 'cursor: is not a cursor this API gave out',
          invalid_params: [{ name: 'cursor', in: 'query', reason: 'not a cursor this API gave out' }],
        });
      }
      const page = await reportQueue(c.env.DB, c.var.user, {
        status: query.status ?? 'open',
        limit: query.limit,
        cursor,
      });
      return c.json(
        {
          data: page.data.map(publicView),
          meta: { total: page.total, limit: query.limit, next_cursor: page.next_cursor },
        },
        200,
        { 'cache-control': 'no-store' },
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/resolve',
      tags: ['console'],
      summary: 'Mark a report resolved, linked to the change that fixed it',
      middleware: [requireUser(), maxBody(8 * 1024)] as const,
      request: {
        params: ReportIdParam,
        body: { content: { 'application/json': { schema: Resolve } }, required: true },
      },
      responses: {
        200: jsonResponse(ReportSchema, 'The resolved report'),
        400: problemResponse('change_id is not a change of the reported site, or a malformed body'),
        401: problemResponse('Not logged in'),
        403: problemResponse('The site is outside your streets, or Origin missing or foreign'),
        404: problemResponse('No report has this id'),
        409: problemResponse('Already resolved, or the change already answers another report'),
        413: problemResponse('Body too large'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { change_id, note } = c.req.valid('json');
      const resolved = await resolveSiteReport(c.env.DB, c.var.user, id, change_id, note || null);
      if (!resolved.ok) {
        switch (resolved.refusal) {
          case 'not_found':
            throw new ProblemError(404, { detail: `No report has id ${id}` });
          case 'outside':
            throw outsideStreets(c.var.user, [resolved.street]);
          case 'resolved':
            throw new ProblemError(409, { detail: `Report ${id} is already resolved` });
          case 'foreign_change':
            throw new ProblemError(400, {
              detail: `change_id: ${change_id} is not a change of site ${resolved.siteId}`,
              invalid_params: [{ name: 'change_id', in: 'body', reason: `not a change of site ${resolved.siteId}` }],
            });
          case 'change_taken':
            throw changeTaken(resolved.changeId, resolved.reportId);
        }
      }
      return c.json(publicView(resolved.report), 200);
    },
  );
