// The read-only Open Referral HSDS 3.1 interface under /api/hsds: organizations
// (street offices and operators), services, locations and service_at_locations of
// every live site, paginated, searchable, filterable by modification time, and as a
// full ndjson export. Mapping lives in worker/hsds/, lookups by id in worker/services/hsds.ts;
// this file is HTTP only.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DATA_LICENCE, licenceLink, licenceOf } from '../core/data-licence';
import { type HsdsQuery, hsdsOrganizations, hsdsSites } from '../db/hsds';
import { hsdsIds } from '../hsds/ids';
import { ndjson, PAGE_LIMITS, page } from '../hsds/page';
import {
  type HsdsSite,
  hsdsFullService,
  hsdsLocation,
  hsdsOrganization,
  hsdsService,
  hsdsServiceAtLocation,
} from '../hsds/records';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { integerQuery, problemResponse } from '../http/schemas';
import { organizationByHsdsId, providerByHsdsId, siteByHsdsId } from '../services/hsds';

const HSDS_VERSION = '3.1';
/** Where the schemas the records follow are published (branch 3.1-dev, as in ../shared/reference/hsds-3.1/). */
const SCHEMA_BASE = 'https://github.com/openreferral/specification/blob/3.1-dev/schema';
/** Public data, changed by hand a few times a day: five minutes of caching is harmless. */
const CACHE = 'public, max-age=300';

const ListQuery = z.object({
  search: z
    .string()
    .max(100, 'must be at most 100 characters')
    .optional()
    .openapi({
      param: { name: 'search', in: 'query', description: 'Text the name, address, description or operator contains' },
    }),
  modified_after: z
    .string()
    .transform((text, ctx) => {
      const ms = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text)
        ? Date.parse(text)
        : NaN;
      if (Number.isNaN(ms)) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be an ISO 8601 date or date-time, e.g. 2026-12-01T08:00:00+08:00',
        });
        return z.NEVER;
      }
      return new Date(ms).toISOString();
    })
    .optional()
    .openapi({
      param: {
        name: 'modified_after',
        in: 'query',
        description: 'Only records modified on or after this ISO 8601 date-time (UTC unless it has an offset)',
      },
      type: 'string',
      example: '2026-12-01T00:00:00Z',
    }),
  page: integerQuery('page', PAGE_LIMITS.page, 'Page number, from 1').optional(),
  per_page: integerQuery(
    'per_page',
    PAGE_LIMITS.per_page,
    `Records per page (default ${PAGE_LIMITS.per_page.default})`,
  ).optional(),
  format: z
    .enum(['json', 'ndjson'])
    .optional()
    .openapi({
      param: {
        name: 'format',
        in: 'query',
        description: 'json (a page, default) or ndjson: every matching record, one per line, without pagination',
      },
    }),
});
const ServiceQuery = ListQuery.extend({
  organization_id: z
    .string()
    .uuid('must be a UUID')
    .transform((id) => id.toLowerCase())
    .optional()
    .openapi({
      param: { name: 'organization_id', in: 'query', description: 'Only the services this organization provides' },
      type: 'string',
    }),
});
type ListParams = z.infer<typeof ListQuery> & { organization_id?: string };

const IdParam = z.object({
  // UUIDs compare case-insensitively (RFC 9562); linli writes them in lower case.
  id: z
    .string()
    .uuid('must be a UUID')
    .transform((id) => id.toLowerCase())
    .openapi({ param: { name: 'id', in: 'path' }, type: 'string', example: '6cc8920f-44c7-50b5-8137-3f6a91e8fcf7' }),
});

const HsdsRecord = (entity: string) =>
  z
    .object({ id: z.string().uuid() })
    .passthrough()
    .openapi(`Hsds_${entity}`, { description: `An HSDS 3.1 ${entity} (${SCHEMA_BASE}/${entity}.json)` });
const PageOf = (entity: string) =>
  z
    .object({
      total_items: z.number().int(),
      total_pages: z.number().int(),
      page_number: z.number().int(),
      size: z.number().int(),
      first_page: z.boolean(),
      last_page: z.boolean(),
      empty: z.boolean(),
      contents: z.array(HsdsRecord(entity)),
      licence: z.string().openapi({ example: DATA_LICENCE.id }),
      licence_url: z.string(),
      attribution: z.string(),
    })
    .openapi(`Hsds_${entity}_page`);

const listResponses = (entity: string) => ({
  200: {
    description: `A page of ${entity}s (HSDS Page), or with format=ndjson every one, a JSON object per line`,
    content: { 'application/json': { schema: PageOf(entity) }, 'application/x-ndjson': { schema: z.string() } },
  },
  400: problemResponse('A parameter is malformed or out of range'),
});
const oneResponses = (entity: string) => ({
  200: { description: `The ${entity}`, content: { 'application/json': { schema: HsdsRecord(entity) } } },
  400: problemResponse('The id is not a UUID'),
  404: problemResponse(`No live ${entity} has this id`),
});

const headers = { 'cache-control': CACHE, link: licenceLink };

/**
 * A JSON page, or the ndjson export of every item. Typed `never`: zod-openapi's typed
 * responses cannot say one status with a JSON and a text content type at once.
 */
function list<T>(
  c: Context,
  q: ListParams,
  all: { total: number; items: T[] },
  pageNumber: number,
  perPage: number,
): never {
  if (q.format === 'ndjson') {
    return c.body(ndjson(all.items), 200, {
      ...headers,
      'content-type': 'application/x-ndjson; charset=utf-8',
    }) as never;
  }
  return c.json({ ...page(all.items, all.total, pageNumber, perPage), ...licenceOf() }, 200, headers) as never;
}

const queryOf = (q: ListParams): HsdsQuery => ({ search: q.search, modifiedAfter: q.modified_after });
const paging = (q: ListParams) => {
  const pageNumber = q.page ?? 1;
  const perPage = q.per_page ?? PAGE_LIMITS.per_page.default;
  return {
    pageNumber,
    perPage,
    window: q.format === 'ndjson' ? undefined : { offset: (pageNumber - 1) * perPage, size: perPage },
  };
};

const notFound = (entity: string, id: string) =>
  new ProblemError(404, { detail: `No live ${entity} has the id ${id}` });

const siteEntity = (
  entity: string,
  path: string,
  map: (s: HsdsSite) => unknown,
  full: (s: HsdsSite) => unknown,
  idOf: (n: number) => string,
) =>
  router()
    .openapi(
      createRoute({
        method: 'get',
        path: `/${path}`,
        tags: ['open data (HSDS 3.1)'],
        summary: `${entity}s of every live site (HSDS 3.1)`,
        description:
          entity === 'service'
            ? 'Retired sites are left out, except with modified_after: then the sites retired since come as status "defunct", so that a sync learns of them. Ordered by site; ids are stable UUIDs.'
            : 'Retired sites are left out. Ordered by site; ids are stable UUIDs.',
        request: { query: entity === 'service' ? ServiceQuery : ListQuery },
        responses: listResponses(entity),
      }),
      async (c) => {
        const q: ListParams = c.req.valid('query');
        const { pageNumber, perPage, window } = paging(q);
        // A sync (modified_after) of services also gets the sites retired since, as defunct services.
        const withRetired = entity === 'service' && q.modified_after !== undefined;
        const provider =
          q.organization_id === undefined ? undefined : await providerByHsdsId(c.env.DB, q.organization_id);
        const found = await hsdsSites(c.env.DB, { ...queryOf(q), withRetired, provider }, window);
        return list(c, q, { total: found.total, items: found.items.map(map) }, pageNumber, perPage);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: `/${path}/{id}`,
        tags: ['open data (HSDS 3.1)'],
        summary: `One ${entity}, fully nested (HSDS 3.1)`,
        request: { params: IdParam },
        responses: oneResponses(entity),
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const site = await siteByHsdsId(c.env.DB, id, idOf);
        if (!site) throw notFound(entity, id);
        return c.json(full(site) as object, 200, headers);
      },
    );

const organizations = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations',
      tags: ['open data (HSDS 3.1)'],
      summary: 'Street offices and operators of the live sites (HSDS 3.1)',
      description:
        'The street office (街道办事处, or 人民政府 of a town) of every street with a live site, then every operator named by one.',
      request: { query: ListQuery },
      responses: listResponses('organization'),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { pageNumber, perPage, window } = paging(q);
      const all = await hsdsOrganizations(c.env.DB, queryOf(q));
      const chosen = window ? all.slice(window.offset, window.offset + window.size) : all;
      return list(c, q, { total: all.length, items: chosen.map(hsdsOrganization) }, pageNumber, perPage);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}',
      tags: ['open data (HSDS 3.1)'],
      summary: 'One organization (HSDS 3.1)',
      request: { params: IdParam },
      responses: oneResponses('organization'),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const org = await organizationByHsdsId(c.env.DB, id);
      if (!org) throw notFound('organization', id);
      return c.json(org, 200, headers);
    },
  );

export const hsds = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['open data (HSDS 3.1)'],
      summary: 'About this HSDS API',
      responses: {
        200: {
          description: 'The HSDS version, profile and OpenAPI document',
          content: {
            'application/json': {
              schema: z.object({
                version: z.string(),
                profile: z.string(),
                openapi_url: z.string(),
                licence: z.string(),
                licence_url: z.string(),
                attribution: z.string(),
              }),
            },
          },
        },
      },
    }),
    (c) => {
      const origin = new URL(c.req.url).origin;
      return c.json(
        {
          version: HSDS_VERSION,
          profile: 'https://docs.openreferral.org/en/latest/hsds/',
          openapi_url: `${origin}/api/v1/openapi.json`,
          ...licenceOf(),
        },
        200,
        headers,
      );
    },
  )
  .route('/', organizations)
  .route('/', siteEntity('service', 'services', hsdsService, hsdsFullService, hsdsIds.service))
  .route('/', siteEntity('location', 'locations', hsdsLocation, hsdsLocation, hsdsIds.location))
  .route(
    '/',
    siteEntity(
      'service_at_location',
      'service_at_locations',
      hsdsServiceAtLocation,
      hsdsServiceAtLocation,
      hsdsIds.serviceAtLocation,
    ),
  );
