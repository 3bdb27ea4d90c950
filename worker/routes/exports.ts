// The caller's sites as CSV (the import's columns) and GeoJSON.
import { createRoute, z } from '@hono/zod-openapi';
import { requireUser, type UserEnv } from '../auth/middleware';
import { sitesCsv } from '../core/csv/site-csv';
import { sitesOf } from '../db/site-exports';
import { router } from '../http/router';
import { problemResponse } from '../http/schemas';

const FeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.number().int(),
        geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()) }),
        properties: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .openapi('SitesGeoJSON');

const day = () => new Date().toISOString().slice(0, 10);

export const exports = router<UserEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/sites.csv',
      tags: ['console'],
      summary: "Your sites as CSV (UTF-8 with BOM, the template's columns and language)",
      description:
        "The import template's format: Chinese headers and labels by default, English headers and codes with lang=en; " +
        'both import back unchanged. Cells starting with = + - @ (or tab/CR) get a leading apostrophe so that spreadsheets ' +
        'show them as text, never run them as formulas; the import takes it off again.',
      middleware: [requireUser()] as const,
      request: {
        query: z.object({
          lang: z
            .enum(['en', 'zh'])
            .optional()
            .openapi({
              param: { name: 'lang', in: 'query' },
              description: 'Headers and labels: zh (default, as the template) or en (codes)',
            }),
        }),
      },
      responses: {
        200: {
          description: 'CSV; importing it again changes nothing',
          content: { 'text/csv': { schema: z.string() } },
        },
        401: problemResponse('Not logged in'),
      },
    }),
    async (c) =>
      c.body(sitesCsv(await sitesOf(c.env.DB, c.var.user), c.req.valid('query').lang ?? 'zh'), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="linli-sites-${day()}.csv"`,
        'cache-control': 'no-store',
      }),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/sites.geojson',
      tags: ['console'],
      summary: 'Your sites as a GeoJSON FeatureCollection (WGS-84)',
      middleware: [requireUser()] as const,
      responses: {
        200: {
          description: 'GeoJSON: one Point feature per site, its properties the Site fields',
          content: { 'application/geo+json': { schema: FeatureCollection } },
        },
        401: problemResponse('Not logged in'),
      },
    }),
    async (c) => {
      const sites = await sitesOf(c.env.DB, c.var.user);
      const collection = {
        type: 'FeatureCollection' as const,
        features: sites.map(({ lat, lng, ...properties }) => ({
          type: 'Feature' as const,
          id: properties.id,
          geometry: { type: 'Point' as const, coordinates: [lng, lat] },
          properties,
        })),
      };
      return c.json(collection, 200, {
        'content-type': 'application/geo+json; charset=utf-8',
        'content-disposition': `attachment; filename="linli-sites-${day()}.geojson"`,
        'cache-control': 'no-store',
      });
    },
  );
