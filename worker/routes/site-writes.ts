// Street offices create, change, retire, restore and verify sites; each change is
// recorded with the whole record before and after. Editors are limited to their streets.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { maxBody } from '../auth/body-limit';
import { requireUser, type UserEnv } from '../auth/middleware';
import { assertMayEdit } from '../auth/user';
import { database } from '../db/client';
import type { ChangeAction } from '../db/schema/changes';
import { DuplicateExternalId, createSite, updateSite, valuesOf } from '../db/site-writes';
import { siteHistory } from '../db/site-history';
import { streetNames, type StreetNames } from '../db/streets';
import { districtPositions, getSite } from '../db/sites';
import { SiteIdParam, SiteSchema, type Site } from '../core/site';
import {
  FAR_METRES, SiteCreateSchema, SitePatchSchema, canonicalHours, isFar, siteIssues, valuesOfCreate, valuesOfPatch,
  type SiteValues,
} from '../core/site-input';
import { ProblemError, describe } from '../http/problem';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';

const JSON_BODY_LIMIT = 64 * 1024;

const HistoryEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.enum(['create', 'update', 'retire', 'restore', 'verify', 'import']),
  before: SiteSchema.nullable(),
  after: SiteSchema,
  report_id: z.number().int().nullable(),
}).openapi('SiteChange');

const errors = {
  400: problemResponse('Invalid field (named in invalid_params)'),
  401: problemResponse('Not logged in'),
  403: problemResponse('Outside your streets, or Origin missing/foreign'),
  404: problemResponse('No site has this id'),
};
const conflict = { 409: problemResponse('The site changed since it was read; `current` holds it now') };

async function existingSite(c: Context<UserEnv>, id: number): Promise<Site> {
  const site = await getSite(database(c.env.DB), id);
  if (!site) throw new ProblemError(404, { detail: `No site has id ${id}` });
  return site;
}

async function knownStreet(d1: D1Database, code: string): Promise<StreetNames> {
  const street = await streetNames(d1, code);
  if (!street) {
    throw new ProblemError(400, {
      detail: `street_code: ${code} is not a known street`,
      invalid_params: [{ name: 'street_code', in: 'body', reason: 'not a known street code' }],
    });
  }
  return street;
}

function assertValid(values: SiteValues) {
  const issues = siteIssues(values);
  if (issues.length) throw new ProblemError(400, { detail: describe(issues), invalid_params: issues });
}

async function assertNotFar(d1: D1Database, values: SiteValues, confirmed: boolean | undefined, exceptId = 0) {
  if (confirmed) return;
  const district = values.street_code.slice(0, 6);
  if (isFar(values, await districtPositions(d1, district, exceptId))) {
    throw new ProblemError(422, {
      detail: `The position is more than ${FAR_METRES / 1000} km from the other sites of district ${district}; send confirm_far: true if it is right`,
      invalid_params: [{ name: 'lat', in: 'body', reason: 'far outside the district' }, { name: 'lng', in: 'body', reason: 'far outside the district' }],
    });
  }
}

const staleProblem = (current: Site) => new ProblemError(409, {
  detail: `Site ${current.id} is at version ${current.version} now; reload it and apply your change again`,
  invalid_params: [{ name: 'version', in: 'body', reason: `is not the current version ${current.version}` }],
  current,
});

/** Rows a write cost in D1 (index entries and trigger writes included), for whoever watches the bill. */
export const ROWS_WRITTEN_HEADER = 'x-d1-rows-written';

/** Writes `values` over `current` with a history row; 409 with the current record if it moved on. */
async function write(c: Context<UserEnv>, action: ChangeAction, current: Site, values: SiteValues, street: StreetNames | null) {
  try {
    const result = await updateSite(c.env.DB, c.var.user.username, action, current, values, street);
    if (result.ok) {
      c.header(ROWS_WRITTEN_HEADER, String(result.rows_written));
      return result.site;
    }
  } catch (err) {
    if (err instanceof DuplicateExternalId) throw duplicateProblem();
    throw err;
  }
  throw staleProblem(await existingSite(c, current.id));
}

const duplicateProblem = () => new ProblemError(409, {
  detail: 'Another site already has this external_id',
  invalid_params: [{ name: 'external_id', in: 'body', reason: 'already used by another site' }],
});

/** A status change (retire, restore) or verification: no body, based on the record as read. */
function statusRoute(path: string, method: 'post' | 'delete', summary: string, action: ChangeAction,
  next: (current: Site) => SiteValues | null) {
  return [
    createRoute({
      method, path, tags: ['console'], summary, middleware: [requireUser()] as const,
      request: { params: SiteIdParam },
      responses: { 200: jsonResponse(SiteSchema, 'The site after the change'), ...errors, ...conflict },
    }),
    async (c: Context<UserEnv>, id: number) => {
      const current = await existingSite(c, id);
      assertMayEdit(c.var.user, current.street_code);
      const values = next(current);
      if (!values) return current;
      return write(c, action, current, values, current.street_name === null ? null
        : { name: current.street_name, district_name: current.district_name ?? '' });
    },
  ] as const;
}

const retire = statusRoute('/{id}', 'delete', 'Retire a site (it stays in the history; never erased)', 'retire',
  (s) => (s.status === 'retired' ? null : { ...valuesOf(s), status: 'retired' }));
const restore = statusRoute('/{id}/restore', 'post', 'Reopen a retired site', 'restore',
  (s) => (s.status === 'retired' ? { ...valuesOf(s), status: 'open' } : null));
const verify = statusRoute('/{id}/verify', 'post', 'Confirm the record is still accurate (stamps verified_at)', 'verify',
  (s) => ({ ...valuesOf(s), verified_at: new Date().toISOString() }));

export const siteWrites = router<UserEnv>()
  .openapi(createRoute({
    method: 'post', path: '/', tags: ['console'], summary: 'Create a site',
    description: 'lat/lng are given in `coord_system` and stored as WGS-84. Entering a site counts as verifying it (`verified_at` is set).',
    middleware: [requireUser(), maxBody(JSON_BODY_LIMIT)] as const,
    request: { body: { content: { 'application/json': { schema: SiteCreateSchema } }, required: true } },
    responses: {
      201: jsonResponse(SiteSchema, 'The new site'), ...errors,
      409: problemResponse('external_id already used'),
      413: problemResponse('Body too large'),
      422: problemResponse('Far from the other sites of the district; resend with confirm_far: true'),
    },
  }), async (c) => {
    const input = c.req.valid('json');
    assertMayEdit(c.var.user, input.street_code);
    const street = await knownStreet(c.env.DB, input.street_code);
    // The office entering a site has just checked it: that is a verification.
    const values = { ...valuesOfCreate(input), verified_at: new Date().toISOString() };
    assertValid(values);
    await assertNotFar(c.env.DB, values, input.confirm_far);
    try {
      const created = await createSite(c.env.DB, c.var.user.username, canonicalHours(values), street);
      c.header(ROWS_WRITTEN_HEADER, String(created.rows_written));
      return c.json(created.site, 201);
    } catch (err) {
      if (err instanceof DuplicateExternalId) throw duplicateProblem();
      throw err;
    }
  })
  .openapi(createRoute({
    method: 'patch', path: '/{id}', tags: ['console'], summary: 'Change some fields of a site',
    description: 'Carries the `version` it was based on; a stale version is answered 409 with the current record. '
      + 'Only the fields that change are written; editing a site counts as verifying it (`verified_at` is set).',
    middleware: [requireUser(), maxBody(JSON_BODY_LIMIT)] as const,
    request: { params: SiteIdParam, body: { content: { 'application/json': { schema: SitePatchSchema } }, required: true } },
    responses: {
      200: jsonResponse(SiteSchema, 'The changed site'), ...errors, ...conflict,
      413: problemResponse('Body too large'),
      422: problemResponse('Far from the other sites of the district, or a retired site'),
    },
  }), async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const current = await existingSite(c, id);
    assertMayEdit(c.var.user, current.street_code);
    // An office editing a site confirms the record as it saves it: a verification too.
    const values = { ...valuesOfPatch(valuesOf(current), patch), verified_at: new Date().toISOString() };
    assertMayEdit(c.var.user, values.street_code);
    if (patch.version !== current.version) throw staleProblem(current);
    if (current.status === 'retired' && patch.status !== undefined) {
      throw new ProblemError(422, {
        detail: 'The site is retired; restore it first',
        invalid_params: [{ name: 'status', in: 'body', reason: 'the site is retired' }],
      });
    }
    const street = values.street_code === current.street_code && current.street_name !== null
      ? { name: current.street_name, district_name: current.district_name ?? '' }
      : await knownStreet(c.env.DB, values.street_code);
    assertValid(values);
    const moved = values.lat !== current.lat || values.lng !== current.lng || values.street_code !== current.street_code;
    if (moved) await assertNotFar(c.env.DB, values, patch.confirm_far, id);
    return c.json(await write(c, 'update', current, canonicalHours(values), street), 200);
  })
  .openapi(retire[0], async (c) => c.json(await retire[1](c, c.req.valid('param').id), 200))
  .openapi(restore[0], async (c) => c.json(await restore[1](c, c.req.valid('param').id), 200))
  .openapi(verify[0], async (c) => c.json(await verify[1](c, c.req.valid('param').id), 200))
  .openapi(createRoute({
    method: 'get', path: '/{id}/history', tags: ['console'], summary: 'Every change of a site, newest first',
    middleware: [requireUser()] as const,
    request: { params: SiteIdParam },
    responses: { 200: jsonResponse(z.object({ data: z.array(HistoryEntrySchema) }), 'The changes'), ...errors },
  }), async (c) => {
    const { id } = c.req.valid('param');
    const current = await existingSite(c, id);
    assertMayEdit(c.var.user, current.street_code);
    return c.json({ data: await siteHistory(c.env.DB, id) }, 200, { 'cache-control': 'no-store' });
  });
