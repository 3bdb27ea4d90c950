// Street offices create, change, retire, restore and verify sites; each change is
// recorded with the whole record before and after. Editors are limited to their streets.
// HTTP only: the use cases are worker/services/writes.ts.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { maxBody } from '../auth/body-limit';
import { requireUser, type UserEnv } from '../auth/middleware';
import { outsideStreets } from '../auth/user';
import { SiteIdParam, SiteSchema } from '../core/site';
import { FAR_METRES, SiteCreateSchema, SitePatchSchema } from '../core/site-input';
import { ROWS_WRITTEN_HEADER } from '../http/headers';
import { describe, ProblemError } from '../http/problem';
import { router } from '../http/router';
import { jsonResponse, problemResponse, StaleSiteProblemSchema } from '../http/schemas';
import {
  changeStatus,
  createSiteFor,
  historyOf,
  patchSite,
  type WriteOutcome,
  type WriteRefusal,
} from '../services/writes';

const JSON_BODY_LIMIT = 64 * 1024;

const HistoryEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.enum(['create', 'update', 'retire', 'restore', 'verify', 'import']),
    before: SiteSchema.nullable(),
    after: SiteSchema,
    report_id: z.number().int().nullable(),
  })
  .openapi('SiteChange');

const errors = {
  400: problemResponse('Invalid field (named in invalid_params)'),
  401: problemResponse('Not logged in'),
  403: problemResponse('Outside your streets, or Origin missing/foreign'),
  404: problemResponse('No site has this id'),
};
const conflict = {
  409: problemResponse('The site changed since it was read; `current` holds it now', StaleSiteProblemSchema),
};

/** A refused write as its problem response (thrown). */
function refused(c: Context<UserEnv>, r: WriteRefusal): never {
  switch (r.refusal) {
    case 'not_found':
      throw new ProblemError(404, { detail: `No site has id ${r.id}` });
    case 'outside':
      throw outsideStreets(c.var.user, r.streets);
    case 'unknown_street':
      throw new ProblemError(400, {
        detail: `street_code: ${r.code} is not a known street`,
        invalid_params: [{ name: 'street_code', in: 'body', reason: 'not a known street code' }],
      });
    case 'invalid':
      throw new ProblemError(400, { detail: describe(r.issues), invalid_params: r.issues });
    case 'far':
      throw new ProblemError(422, {
        detail: `The position is more than ${FAR_METRES / 1000} km from the other sites of district ${r.district}; send confirm_far: true if it is right`,
        invalid_params: [
          { name: 'lat', in: 'body', reason: 'far outside the district' },
          { name: 'lng', in: 'body', reason: 'far outside the district' },
        ],
      });
    case 'stale':
      throw new ProblemError(409, {
        detail: `Site ${r.current.id} is at version ${r.current.version} now; reload it and apply your change again`,
        invalid_params: [{ name: 'version', in: 'body', reason: `is not the current version ${r.current.version}` }],
        current: r.current,
      });
    case 'duplicate_external_id':
      throw new ProblemError(409, {
        detail: 'Another site already has this external_id',
        invalid_params: [{ name: 'external_id', in: 'body', reason: 'already used by another site' }],
      });
    case 'retired':
      throw new ProblemError(422, {
        detail: 'The site is retired; restore it first',
        invalid_params: [{ name: 'status', in: 'body', reason: 'the site is retired' }],
      });
  }
}

/** The written site, with its D1 cost in a header; a refusal as its problem. */
function written(c: Context<UserEnv>, outcome: WriteOutcome) {
  if (!outcome.ok) refused(c, outcome);
  if (outcome.rows_written !== null) c.header(ROWS_WRITTEN_HEADER, String(outcome.rows_written));
  return outcome.site;
}

/** A status change (retire, restore) or verification: no body, based on the record as read. */
function statusRoute(
  path: string,
  method: 'post' | 'delete',
  summary: string,
  action: 'retire' | 'restore' | 'verify',
) {
  return [
    createRoute({
      method,
      path,
      tags: ['console'],
      summary,
      middleware: [requireUser()] as const,
      request: { params: SiteIdParam },
      responses: { 200: jsonResponse(SiteSchema, 'The site after the change'), ...errors, ...conflict },
    }),
    async (c: Context<UserEnv>, id: number) => written(c, await changeStatus(c.env.DB, c.var.user, id, action)),
  ] as const;
}

const retire = statusRoute('/{id}', 'delete', 'Retire a site (it stays in the history; never erased)', 'retire');
const restore = statusRoute('/{id}/restore', 'post', 'Reopen a retired site', 'restore');
const verify = statusRoute(
  '/{id}/verify',
  'post',
  'Confirm the record is still accurate (stamps verified_at)',
  'verify',
);

export const siteWrites = router<UserEnv>()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['console'],
      summary: 'Create a site',
      description:
        'lat/lng are given in `coord_system` and stored as WGS-84. Entering a site counts as verifying it (`verified_at` is set).',
      middleware: [requireUser(), maxBody(JSON_BODY_LIMIT)] as const,
      request: { body: { content: { 'application/json': { schema: SiteCreateSchema } }, required: true } },
      responses: {
        201: jsonResponse(SiteSchema, 'The new site'),
        ...errors,
        409: problemResponse('external_id already used'),
        413: problemResponse('Body too large'),
        422: problemResponse('Far from the other sites of the district; resend with confirm_far: true'),
      },
    }),
    async (c) => c.json(written(c, await createSiteFor(c.env.DB, c.var.user, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags: ['console'],
      summary: 'Change some fields of a site',
      description:
        'Carries the `version` it was based on; a stale version is answered 409 with the current record. ' +
        'Only the fields that change are written; editing a site counts as verifying it (`verified_at` is set).',
      middleware: [requireUser(), maxBody(JSON_BODY_LIMIT)] as const,
      request: {
        params: SiteIdParam,
        body: { content: { 'application/json': { schema: SitePatchSchema } }, required: true },
      },
      responses: {
        200: jsonResponse(SiteSchema, 'The changed site'),
        ...errors,
        ...conflict,
        413: problemResponse('Body too large'),
        422: problemResponse('Far from the other sites of the district, or a retired site'),
      },
    }),
    async (c) =>
      c.json(written(c, await patchSite(c.env.DB, c.var.user, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(retire[0], async (c) => c.json(await retire[1](c, c.req.valid('param').id), 200))
  .openapi(restore[0], async (c) => c.json(await restore[1](c, c.req.valid('param').id), 200))
  .openapi(verify[0], async (c) => c.json(await verify[1](c, c.req.valid('param').id), 200))
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/history',
      tags: ['console'],
      summary: 'Every change of a site, newest first',
      middleware: [requireUser()] as const,
      request: { params: SiteIdParam },
      responses: { 200: jsonResponse(z.object({ data: z.array(HistoryEntrySchema) }), 'The changes'), ...errors },
    }),
    async (c) => {
      const found = await historyOf(c.env.DB, c.var.user, c.req.valid('param').id);
      if (!found.ok) refused(c, found);
      return c.json({ data: found.history }, 200, { 'cache-control': 'no-store' });
    },
  );
